// The same function deployed to AWS Lambda: converted.
exports.hello = async (event, context) => {
  const response = { statusCode: 200, body: JSON.stringify({ message: "Hello!" }) };
  return response;
};
