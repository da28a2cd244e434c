"use strict";

function logRequest(context) {
  console.log("request", context.awsRequestId);
}

function tally(context, items) {
  let done = 0;
  items.forEach(function (item) {
    done += item.n;
    if (done > 10) context.succeed(done);
  });
}

/** The helper answers on some paths only: reported, left as it is. */
exports.count = (event, context) => {
  logRequest(context);
  tally(context, event.items);
};

/** A helper that only reads the context: nothing to change. */
exports.plain = async (event, context) => {
  logRequest(context);
  return { ok: true };
};

const shared = require("./shared");

/** Hands its context to another handler: this one converts with an adapter, the other is reported. */
exports.viaShared = async (event, context) => new Promise((resolve, reject) => shared.handler(event, legacyContext(context, resolve, reject)));

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
