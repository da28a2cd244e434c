const https = require("https");

exports.handler = function (event, context) {
  console.log("records", event.Records.length);
  event.Records.forEach(function (record) {
    if (record.eventName === "INSERT") {
      const doc = JSON.stringify({ id: record.id });
      postDocument(doc, context);
    } else {
      console.log("skipping", record.eventName);
    }
  });
};

exports.validate = (event, context) => {
  event.Records.forEach((record) => {
    if (!record.id) {
      context.fail(new Error("record without id"));
      return;
    }
    console.log("valid", record.id);
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
