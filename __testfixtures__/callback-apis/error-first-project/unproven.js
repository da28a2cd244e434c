const queue = [];

// Not proven error-first: calls back twice, maybe never, throws, keeps the callback, calls it per item.
exports.twice = (key, cb) => {
  cb(null, key);
  cb(null, key);
};

exports.maybe = (key, cb) => {
  if (key) cb(null, key);
};

exports.throws = (key, cb) => {
  if (!key) throw new Error('no key');
  cb(null, key);
};

exports.later = (key, cb) => {
  queue.push(cb);
};

exports.each = (keys, cb) => {
  keys.forEach((key) => cb(null, key));
};

// Result first: the string is the answer, not an error.
exports.greet = (name, cb) => {
  cb(`hello ${name}`);
};
