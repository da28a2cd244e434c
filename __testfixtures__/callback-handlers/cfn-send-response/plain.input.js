// The CloudFormation sendResponse idiom: context.done() once the PUT is answered, and on the request's error: converted.
const https = require("https");
const url = require("url");

exports.handler = function (event, context) {
  if (event.RequestType === "Delete") {
    sendResponse(event, context, "SUCCESS");
    return;
  }
  if (event.RequestType === "Create") {
    sendResponse(event, context, "SUCCESS", { Message: "created" });
  } else {
    sendResponse(event, context, "FAILED");
  }
};

function sendResponse(event, context, status, data) {
  const body = JSON.stringify({
    Status: status,
    Reason: "See CloudWatch Log Stream: " + context.logStreamName,
    PhysicalResourceId: context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  const parsed = url.parse(event.ResponseURL);
  const request = https.request({ hostname: parsed.hostname, port: 443, path: parsed.path, method: "PUT", headers: { "content-type": "", "content-length": body.length } }, function (response) {
    console.log("STATUS: " + response.statusCode);
    context.done();
  });
  request.on("error", function (error) {
    console.log("sendResponse Error:" + error);
    context.done();
  });
  request.write(body);
  request.end();
}
