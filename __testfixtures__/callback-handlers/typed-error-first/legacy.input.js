const { getObject } = require("./lib/storage");

// The same in JavaScript.
exports.handler = (event, context, callback) => {
  getObject(event.key, (err, data) => {
    callback(err, data && data.Body);
  });
};
