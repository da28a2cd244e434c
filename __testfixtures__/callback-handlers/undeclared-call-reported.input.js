const { db } = require("./services");

// `finish` is written as a global, so the call may answer nothing and end the path: reported as before.
globalThis.finish = function () {};

exports.globalWritten = function (event, context) {
  function processPending(id) {
    db.get(id, function (err, item) {
      if (err) {
        finish();
      } else {
        context.done(null, item);
      }
    });
  }
  processPending(event.id);
};

// `callback` is declared around the call (a parameter of the enclosing function): an ordinary call.
exports.declaredAround = function (event, context) {
  function lookup(id, callback) {
    db.get(id, function (err, item) {
      if (err) {
        callback();
      } else {
        context.done(null, item);
      }
    });
  }
  lookup(event.id, function () {});
};
