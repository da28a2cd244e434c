const async = require("async");
const { db, audit } = require("./services");

// The named function answers through the handler's callback: after callback(null, x) the old runtime
// waited for the other items' work, a promise would not. Stays reported.
exports.waits = (event, context, callback) => {
  function fail(reason) {
    callback(new Error(reason));
  }
  function load(id, next) {
    if (!id) fail("no id");
    db.get(id, next);
  }
  async.map(event.ids, function (id, next) {
    load(id, next);
  }, function (err, items) {
    callback(err, items);
  });
};

// A path of the named function that neither answers nor calls its callback: async.map never finishes,
// the old runtime answered null once the loop was empty, a promise would never settle. Stays reported.
exports.stalls = function (event, context) {
  function fail(reason) {
    context.fail(new Error(reason));
  }
  function load(id, next) {
    if (!id) fail("no id");
    db.get(id, function (err, item) {
      if (err) {
        audit.note(err.message);
        return;
      }
      next(null, item);
    });
  }
  async.map(event.ids, function (id, next) {
    load(id, next);
  }, function (err, items) {
    context.done(err, items);
  });
};

// The named function is also called with a callback that is not the iteratee's: not followed. Stays reported.
exports.elsewhere = function (event, context) {
  function fail(reason) {
    context.fail(new Error(reason));
  }
  function load(id, next) {
    if (!id) fail("no id");
    db.get(id, next);
  }
  load(event.first, function () {});
  async.map(event.ids, function (id, next) {
    load(id, next);
  }, function (err, items) {
    context.done(err, items);
  });
};

// The callback is stored: not followed. Stays reported.
exports.stored = function (event, context) {
  function fail(reason) {
    context.fail(new Error(reason));
  }
  function load(id, next) {
    var later = next;
    if (!id) fail("no id");
    db.get(id, later);
  }
  async.map(event.ids, function (id, next) {
    load(id, next);
  }, function (err, items) {
    context.done(err, items);
  });
};
