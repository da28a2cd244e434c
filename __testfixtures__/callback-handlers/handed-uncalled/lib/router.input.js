var resources = require('./resources');

module.exports.route = function(event, done) {
  if (event.kind === 'orders') {
    resources.orders(event, done);
  } else {
    done('unknown kind');
  }
};

module.exports.lookup = function(event, done) {
  if (!event.id) {
    return done('id required');
  }
  resources.find(event.id).then(function(item) {
    done(null, item);
  }, done);
};
