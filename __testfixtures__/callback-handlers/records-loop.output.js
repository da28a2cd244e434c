const https = require("https");

exports.handler = async function (event, context) {
  console.log("records", event.Records.length);
  return new Promise((resolve, reject) => {
    let answering = false;
    event.Records.forEach(function (record) {
      if (record.eventName === "INSERT") {
        const doc = JSON.stringify({ id: record.id });
        answering = true;
        postDocument(doc, legacyContext(context, resolve, reject));
      } else {
        console.log("skipping", record.eventName);
      }
    });
    if (!answering) resolve();
  });
};

exports.validate = async (event, context) => {
  return new Promise((resolve, reject) => {
    let answering = false;
    event.Records.forEach((record) => {
      if (!record.id) {
        answering = true;
        reject(new Error("record without id"));
        return;
      }
      console.log("valid", record.id);
    });
    if (!answering) resolve();
  });
};

function postDocument(doc, context) {
  const request = https.request({ path: "/index", method: "POST" }, function (response) {
    let body = "";
    response.on("data", function (chunk) {
      body += chunk;
    });
    response.on("end", function () {
      context.succeed("indexed " + body);
    });
  });
  request.on("error", function (err) {
    context.fail("indexing failed: " + err.message);
  });
  request.write(doc);
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
