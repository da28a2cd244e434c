const https = require("https");
const { db } = require("./services");

exports.handler = function (event, context) {
  db.get(event.id, function (err, item) {
    if (err) return sendResponse(event, context, "FAILED", { Error: err.message });
    sendResponse(event, context, "SUCCESS", item);
  });
};

function sendResponse(event, context, responseStatus, responseData) {
  const body = JSON.stringify({ Status: responseStatus, Data: responseData });
  const request = https.request({ path: event.ResponseURL, method: "PUT" }, function (response) {
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
