const fs = require("fs");

// A callback-style handler whose callback settles inside the fs callback: callback-handlers wraps it in a
// promise, and the fs call inside that promise's executor does not escape.
exports.handler = (event, context, callback) => {
  fs.readFile(event.path, "utf8", (err, text) => {
    if (err) return callback(err);
    callback(null, { length: text.length });
  });
};
