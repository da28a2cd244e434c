const AWS = require("aws-sdk");
const dynamo = new AWS.DynamoDB();

// Only declared, never called: a promise around it would never settle.
exports.unused = function (event, context) {
  function finish(value) {
    context.succeed(value);
  }
  console.log(event);
};

// The named function answers, and the path that neither calls it nor answers gets `else { resolve(); }`.
exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    function finish(item) {
      resolve(item.id);
    }

    dynamo.getItem({ TableName: "t", Key: event.key }, function (err, data) {
      if (err) {
        reject(err);
      } else if (data.Item) {
        finish(data.Item);
      } else {
        resolve();
      }
    });
  });
};
