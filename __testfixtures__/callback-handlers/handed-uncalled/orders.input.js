var api = require('./lib');

// api.route hands the function on to a resource module whose "PATCH" path never calls it.
exports.handler = function(event, context) {
  api.route(event, function(err, body) {
    return context.done(err, body);
  });
};
