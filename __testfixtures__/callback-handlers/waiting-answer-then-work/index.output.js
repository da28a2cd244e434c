const { db } = require("./services");

// An early answer without `return` (alexa-cookbook's FactService api): the path goes on and stores the item,
// and the store calls back. The old runtime sent {} only once the event loop was empty, after the store had
// run (its own answer ignored); resolve({}) would answer at once and let the store escape.
exports.fallsThrough = function (event, context, callback) {
  if (!event.id) {
    callback(null, {});
  }
  db.put({ id: event.id || "none" }, function (err, item) {
    callback(null, item);
  });
};

// The same answer handed on to the work instead of called in a function.
exports.handsOn = function (event, context, callback) {
  if (!event.id) {
    callback(null, {});
  }
  db.put({ id: event.id || "none" }, callback);
};

// The early answer ends its path: nothing after it runs, converted.
exports.returns = async function (event, context) {
  if (!event.id) {
    return {};
  }
  return new Promise((resolve, reject) => {
    db.put({ id: event.id }, function (err, item) {
      resolve(item);
    });
  });
};

// The work is on the other branch, not after the answer on its path: converted.
exports.otherBranch = async function (event, context) {
  return new Promise((resolve, reject) => {
    if (!event.id) {
      resolve({});
    } else {
      db.put({ id: event.id }, function (err, item) {
        if (err != null) reject(err); else resolve(item);
      });
    }
  });
};
