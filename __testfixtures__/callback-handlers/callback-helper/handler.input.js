var iam = require('./iam');

exports.handleIAM = function(event, context) {
  if (event.RequestType == 'Create') {
    iam.createUsers(event, context, function(err, item) {
      if (err) return context.fail(err);
      context.succeed(item);
    });
  } else {
    context.succeed();
  }
};
