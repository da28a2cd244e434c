var api = require('./lib');

// api.lookup calls the function on every path: converted.
exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    api.lookup(event, function(err, item) {
      if (err) {
        reject(err);
      } else {
        resolve(item);
      }
    });
  });
};
