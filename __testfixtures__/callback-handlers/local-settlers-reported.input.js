const AWS = require("aws-sdk");
const dynamo = new AWS.DynamoDB();

// The named function answers, but one path neither calls it nor answers: stays reported.
exports.handler = function (event, context) {
  function finish(item) {
    context.succeed(item.id);
  }

  dynamo.getItem({ TableName: "t", Key: event.key }, function (err, data) {
    if (err) {
      context.fail(err);
    } else if (data.Item) {
      finish(data.Item);
    }
  });
};

// Only declared, never called: a promise around it would never settle.
exports.unused = function (event, context) {
  function finish(value) {
    context.succeed(value);
  }
  console.log(event);
};
