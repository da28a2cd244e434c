"use strict";

/** Deployed on its own, and called by handlers.js with that handler's context. */
exports.handler = function (event, context) {
  context.succeed({ shared: event.name });
};
