const { db } = require("./services");

// A helper of the module takes a `callback` parameter; the handler below does not see it.
function withRetry(id, callback) {
  db.get(id, callback);
}

// redshift-loader style: a two-parameter handler answers through context.done, and one path calls a
// `callback` that is declared nowhere it can see. That call throws a ReferenceError inside the lookup's
// callback, in the old runtime and in the promise alike, and the runtime fails the invocation with it.
exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    function processPending(id) {
      db.get(id, function (err, item) {
        if (err) {
          if (err.message === "db down") {
            console.log("throttled on " + id);
            callback();
          } else {
            reject(err);
          }
        } else {
          resolve(item);
        }
      });
    }
    processPending(event.id);
  });
};

exports.withRetry = withRetry;
