var store = require('./store');

exports.ping = function(event, context, callback) {
  callback(null, 'pong');
};

exports.lookup = function(event, context, callback) {
  store.get(event.id, function(err, item) {
    if (err) return callback(err);
    callback(null, item);
  });
};
