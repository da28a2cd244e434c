// A watchdog timer handed the callback beside the answers through context.done: reported.
const https = require("https");
const url = require("url");

exports.handler = function (event, context, callback) {
  setupWatchdog(event, context, callback);
  if (event.RequestType === "Create") {
    sendResponse(event, context, "SUCCESS", { Message: "created" });
  } else {
    sendResponse(event, context, "SUCCESS");
  }
};

function setupWatchdog(event, context, callback) {
  const onTimeout = () => {
    new Promise(() => sendResponse(event, context, "FAILED")).then(() => callback(new Error("Function timed out")));
  };
  setTimeout(onTimeout, context.getRemainingTimeInMillis() - 1000);
}

function sendResponse(event, context, status, data) {
  const body = JSON.stringify({ Status: status, StackId: event.StackId, Data: data });
  const parsed = url.parse(event.ResponseURL);
  const request = https.request({ hostname: parsed.hostname, path: parsed.path, method: "PUT" }, function (response) {
    context.done();
  });
  request.on("error", function (error) {
    context.done();
  });
  request.write(body);
  request.end();
}
