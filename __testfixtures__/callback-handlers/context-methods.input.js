"use strict";

exports.legacy = function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false; // keep the pool between invocations
  if (!event.name) {
    context.fail(new Error("name required"));
    return;
  }
  if (event.name === "nobody") {
    context.fail();
    return;
  }
  context.succeed({ greeting: "Hello, " + event.name });
};

exports.done = function (event, context) {
  context.done(event.error, { echoed: event.payload });
};

exports.reason = function (event, context) {
  context.fail(event.reason);
};

exports.pool = async (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  return { pooled: true };
};
