"use strict";

const { processEvent } = require("./process");

/** The context goes to a helper in another file that answers through context.succeed/done. */
exports.handler = (event, context) => {
  if (!event.Records) {
    return context.fail(new Error("no records"));
  }
  processEvent(event.Records, context);
};

function postResult(context, result) {
  console.log("posting for", context.functionName);
  if (result.error) {
    context.fail(result.error);
  } else {
    context.succeed({ posted: result.value });
  }
}

/** A helper of the same file; a callback handler answering through it converts too. */
exports.local = function (event, context, callback) {
  postResult(context, event);
};
