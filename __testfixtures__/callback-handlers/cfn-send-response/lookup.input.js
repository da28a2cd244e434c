// One answer per SNS record, from inside each record's own lookup: reported (the forEach).
const https = require("https");
const AWS = require("aws-sdk");

const ec2 = new AWS.EC2();

exports.handler = function (event, context) {
  (event.Records || []).forEach(function (record) {
    const request = JSON.parse(record.Sns.Message);
    if (request.RequestType === "Delete") {
      sendResponse(request, context, "SUCCESS");
      return;
    }
    ec2.describeImages({ Owners: ["self"] }, function (err, data) {
      sendResponse(request, context, err ? "FAILED" : "SUCCESS", err ? undefined : { Id: data.Images[0].ImageId });
    });
  });
};

function sendResponse(request, context, status, data) {
  const req = https.request({ path: new URL(request.ResponseURL).pathname, method: "PUT" }, function () {
    context.done();
  });
  req.on("error", function () {
    context.done();
  });
  req.end(JSON.stringify({ Status: status, RequestId: request.RequestId, Data: data }));
}
