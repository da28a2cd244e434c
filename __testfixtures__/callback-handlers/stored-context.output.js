var https = require('https');
var db = require('./db');

var theContext;
var message;

exports.post = async function(event, context) {
  init(context);
  return new Promise((resolve, reject) => {
    theContext = legacyContext(context, resolve, reject);
    if (event.message == null) {
      return reject("Message cannot be null");
    }
    message = event.message;
    putMessage({ message: message });
  });
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

exports.custom = async function(event, context) {
  theEvent = event;
  return new Promise((resolve, reject) => {
    cfnContext = legacyContext(context, resolve, reject);
    if (event.RequestType == 'Delete') {
      finished(null);
    } else {
      db.putItem({ message: event.name }, finished);
    }
  });
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

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? 'handled') },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
