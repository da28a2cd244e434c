var https = require('https');
var db = require('./db');

var theContext;
var message;

exports.post = function(event, context) {
  init(context);
  theContext = context;
  if (event.message == null) {
    return context.fail("Message cannot be null");
  }
  message = event.message;
  putMessage({ message: message });
};

function init(context) {
  console.log('function', context.functionName);
}

function putMessage(item) {
  db.putItem(item, dynamoCallback);
}

function dynamoCallback(err, response) {
  if (err) {
    return theContext.fail("There was an error.");
  }
  console.log('request', theContext.awsRequestId);
  return theContext.succeed();
}

var theEvent;
var cfnContext;

exports.custom = function(event, context) {
  theEvent = event;
  cfnContext = context;
  if (event.RequestType == 'Delete') {
    finished(null);
  } else {
    db.putItem({ message: event.name }, finished);
  }
};

function finished(err) {
  if (err) sendResponse(theEvent, cfnContext, "FAILED", {});
  else sendResponse(theEvent, cfnContext, "SUCCESS", {});
}

function sendResponse(event, context, status, data) {
  var body = JSON.stringify({ Status: status, Data: data });
  var request = https.request({ path: event.ResponseURL, method: "PUT" }, function(response) {
    context.done();
  });
  request.on("error", function(error) {
    context.done();
  });
  request.write(body);
  request.end();
}

exports.read = function(event, context) {
  var lambdaContext = context;
  console.log('request', lambdaContext.awsRequestId);
  db.getItem({ id: event.id }, function(err, item) {
    if (err) return context.fail(err);
    context.succeed(item);
  });
};
