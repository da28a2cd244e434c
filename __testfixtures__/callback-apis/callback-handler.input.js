const fs = require("fs");

// A callback-style handler whose callback settles inside the fs callback: callback-handlers wraps it in a
// promise, and the fs call inside that promise's executor does not escape.
exports.handler = (event, context, callback) => {
  fs.readFile(event.path, "utf8", (err, text) => {
    if (err) return callback(err);
    callback(null, { length: text.length });
  });
};

// Async, but still callback-style (three parameters): callback-handlers' to convert first, so callback-apis
// leaves the fs call alone when it runs without callback-handlers.
exports.mixed = async (event, context, callback) => {
  fs.writeFile(event.path, "done", (err) => {
    if (err) console.error(err);
  });
  callback(null, { ok: true });
};
