// The custom resource request comes through SNS, one answer per record (the first wins, the old runtime answered at once): converted.
const https = require("https");

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    let answering = false;
    event.Records.forEach(function (record) {
      const request = JSON.parse(record.Sns.Message);
      answering = true;
      sendResponse(request, legacyContext(context, resolve, reject), "SUCCESS");
    });
    if (!answering) resolve();
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

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
