const { track } = require("../../shared/metrics");

// Architect: each @http route is a folder under src/http whose index exports `handler`.
exports.handler = async function http(req) {
  track("home");
  return { statusCode: 200, headers: { "content-type": "text/html" }, body: "<h1>orders</h1>" };
};
