const { track } = require("../../shared/metrics");

exports.handler = async (req) => {
  const order = JSON.parse(req.body || "{}");
  await track("order", order.id);
  return { statusCode: 201, body: JSON.stringify(order) };
};
