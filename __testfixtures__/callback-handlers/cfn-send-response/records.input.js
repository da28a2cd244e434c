// The custom resource request comes through SNS, one answer per record (the first wins, the old runtime answered at once): converted.
const https = require("https");

exports.handler = function (event, context) {
  event.Records.forEach(function (record) {
    const request = JSON.parse(record.Sns.Message);
    sendResponse(request, context, "SUCCESS");
  });
};

function sendResponse(request, context, status) {
  const req = https.request({ path: new URL(request.ResponseURL).pathname, method: "PUT" }, function () {
    context.done();
  });
  req.on("error", function () {
    context.done();
  });
  req.end(JSON.stringify({ Status: status, RequestId: request.RequestId }));
}
