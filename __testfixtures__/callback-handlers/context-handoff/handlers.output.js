"use strict";

const { processEvent } = require("./process");

/** The context goes to a helper in another file that answers through context.succeed/done. */
exports.handler = async (event, context) => {
  if (!event.Records) {
    throw new Error("no records");
  }
  return new Promise((resolve, reject) => {
    processEvent(event.Records, legacyContext(context, resolve, reject));
  });
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
exports.local = async function (event, context) {
  return new Promise((resolve, reject) => {
    postResult(legacyContext(context, resolve, reject), event);
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
