var api = require('./lib');

// api.lookup calls the function on every path: converted.
exports.handler = function(event, context) {
  api.lookup(event, function(err, item) {
    if (err) {
      context.fail(err);
    } else {
      context.succeed(item);
    }
  });
};
