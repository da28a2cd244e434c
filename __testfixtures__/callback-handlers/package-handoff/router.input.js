const { createRouter } = require("voice-router");

const router = createRouter({ routes: ["/ask"] });

// The callback is never used: the package answers through the context.
exports.handler = function (event, context, callback) {
  router.dispatch(event, context);
};
