const { db, io } = require("./services");

// context.fail on an error, then code that reads the result the error left undefined (a mapper's shape):
// the answer was sent before the throw, which only ended the process; after reject it would answer.
exports.handler = function (event, context) {
  io.get(event.id, function (err, item) {
    if (err) {
      console.error(err);
      context.fail(err);
    }
    context.succeed(item.text.toUpperCase());
  });
};

// The same with the answer made through the callback's error.
exports.viaCallback = function (event, context, callback) {
  io.get(event.id, function (err, item) {
    if (err) callback(err);
    callback(null, item.text);
  });
};

// Ending the path at the answer converts.
exports.returned = function (event, context) {
  io.get(event.id, function (err, item) {
    if (err) {
      console.error(err);
      return context.fail(err);
    }
    context.succeed(item.text.toUpperCase());
  });
};

// Only logs after the answers, which cannot throw: converts.
exports.logged = function (event, context) {
  io.get(event.id, function (err, item) {
    if (err) {
      context.fail(err);
      console.error("lookup failed:", err);
    } else {
      context.succeed(item.text);
      console.log(`answered with ${item}`);
    }
  });
};

// In a .then callback the throw after the answer is a rejection, seen only after reject's promise jobs: converts.
exports.viaThen = function (event, context) {
  db.load(event.id).catch(function () { return undefined; }).then(function (item) {
    if (!item) {
      context.fail("not found");
    }
    context.succeed(item.text);
  });
};
