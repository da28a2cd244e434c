const { db } = require("./services");

exports.handler = function (event, context) {
  event.items.forEach(function (record) {
    post(record.id, context);
  });
};

function post(id, context) {
  db.get(id, function (err, item) {
    if (err) return context.fail(err);
    context.succeed(item);
  });
}

exports.one = async function (event, context) {
  return new Promise((resolve, reject) => {
    postOne(event.id, legacyContext(context, resolve, reject));
  });
};

function postOne(id, context) {
  db.get(id, function (err, item) {
    if (err) return context.fail(err);
    context.succeed(item);
  });
}

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
