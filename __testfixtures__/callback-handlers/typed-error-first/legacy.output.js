const { getObject } = require("./lib/storage");

// The same in JavaScript.
exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    getObject(event.key, (err, data) => {
      if (err != null) reject(err); else resolve(data && data.Body);
    });
  });
};
