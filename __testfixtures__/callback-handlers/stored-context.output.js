var db = require('./db');

var theContext;
var message;

exports.post = function(event, context) {
  theContext = context;
  if (event.message == null) {
    return context.fail("Message cannot be null");
  }
  message = event.message;
  db.putItem({ message: message }, dynamoCallback);
};

function dynamoCallback(err, response) {
  if (err) {
    return theContext.fail("There was an error.");
  }
  return theContext.succeed();
}

var saved;

exports.update = function(event, context) {
  saved = context;
  db.putItem({ message: event.message }, function(err) {
    report(saved, err);
  });
};

function report(ctx, err) {
  if (err) ctx.fail(err);
  else ctx.succeed("updated");
}

exports.read = async function(event, context) {
  var lambdaContext = context;
  console.log('request', lambdaContext.awsRequestId);
  return new Promise((resolve, reject) => {
    db.getItem({ id: event.id }, function(err, item) {
      if (err) return reject(err);
      resolve(item);
    });
  });
};
