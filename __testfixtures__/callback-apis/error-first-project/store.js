const fs = require('fs');

const cache = new Map();

// Error-first by its implementation: every path calls back once, with an error or null first.
function put(key, value, callback) {
  cache.set(key, value);
  fs.writeFile(`/tmp/${key}`, value, (err) => {
    if (err) return callback(err);
    callback(null);
  });
}

exports.put = put;

exports.get = function (key, callback) {
  if (cache.has(key)) return callback(null, cache.get(key));
  fs.readFile(`/tmp/${key}`, 'utf8', (err, data) => {
    if (err) {
      callback(err);
    } else {
      cache.set(key, data);
      callback(null, data);
    }
  });
};

exports.lookup = (id, done) => {
  if (!id) {
    done(new Error('no id'));
    return;
  }
  done(null, { id });
};

// A message as the error, where the same function answers null first elsewhere.
exports.check = (token, callback) => {
  if (token !== 'secret') return callback('Invalid request token');
  callback(null, `token ok`);
};
