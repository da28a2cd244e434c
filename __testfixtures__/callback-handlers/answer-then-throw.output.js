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
exports.returned = async function (event, context) {
  return new Promise((resolve, reject) => {
    io.get(event.id, function (err, item) {
      if (err) {
        console.error(err);
        return reject(err);
      }
      resolve(item.text.toUpperCase());
    });
  });
};

// Only logs after the answers, which cannot throw: converts.
exports.logged = async function (event, context) {
  return new Promise((resolve, reject) => {
    io.get(event.id, function (err, item) {
      if (err) {
        reject(err);
        console.error("lookup failed:", err);
      } else {
        resolve(item.text);
        console.log(`answered with ${item}`);
      }
    });
  });
};

// In a .then callback the throw after the answer is a rejection, seen only after reject's promise jobs: converts.
exports.viaThen = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.load(event.id).catch(function () { return undefined; }).then(function (item) {
      if (!item) {
        reject("not found");
      }
      resolve(item.text);
    });
  });
};
