// Alibaba Cloud Function Compute, nodejs8: the runtime answers through the callback only.
exports.hello = (event, context, callback) => {
  const response = { statusCode: 200, body: JSON.stringify({ message: "Hello!" }) };
  callback(null, response);
};
