// The CloudFormation sendResponse idiom: context.done() once the PUT is answered, and on the request's error: converted.
const https = require("https");
const url = require("url");

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    if (event.RequestType === "Delete") {
      sendResponse(event, legacyContext(context, resolve, reject), "SUCCESS");
      return;
    }
    if (event.RequestType === "Create") {
      sendResponse(event, legacyContext(context, resolve, reject), "SUCCESS", { Message: "created" });
    } else {
      sendResponse(event, legacyContext(context, resolve, reject), "FAILED");
    }
  });
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

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
