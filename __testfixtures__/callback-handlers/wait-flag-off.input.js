const { db, audit } = require("./services");

// The wait is off first: callback(null, x) answered at once, so the lookup after it escaped then too.
exports.answerThenWork = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  callback(null, "early");
  db.get(event.id, (err, item) => callback(err, item));
};

// Two lookups in flight: with the wait off, the first to call back answered.
exports.siblings = function (event, context, callback) {
  context.callbackWaitsForEmptyEventLoop = false;
  audit.note("start");
  db.get(event.a, (err, a) => {
    if (err) return callback(err);
    callback(null, a);
  });
  db.get(event.b, (err, b) => callback(err, b));
};
