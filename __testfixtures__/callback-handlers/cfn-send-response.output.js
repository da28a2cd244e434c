const https = require("https");
const { db } = require("./services");

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.get(event.id, function (err, item) {
      if (err) return sendResponse(event, legacyContext(context, resolve, reject), "FAILED", { Error: err.message });
      sendResponse(event, legacyContext(context, resolve, reject), "SUCCESS", item);
    });
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

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
