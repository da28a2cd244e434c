const log = require("lambda-log");
const { createRouter } = require("voice-router");

const router = createRouter({ routes: ["/ask"] });

// A logger only reads the context: nothing to report.
exports.audit = function (event, context) {
  log.info("invoked", context);
  console.log(context);
  recordSync(event);
};

// The handler answers with what it returns: the package's promise.
exports.routed = function (event, context) {
  return router.handle(event, context);
};

// Only a property of the context goes to the package.
exports.tagged = function (event, context) {
  router.tag(context.awsRequestId, context.getRemainingTimeInMillis());
  recordSync(event);
};

function recordSync(event) {
  return event;
}
