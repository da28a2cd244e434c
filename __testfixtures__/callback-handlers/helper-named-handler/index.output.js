const { db } = require("./services");

// Named like a handler, but only ever called by handlers with their own context: a helper, which
// stays as it is (the callers' context adapter answers for it); no finding blocks its callers.
exports.recordHandler = function (event, context) {
  db.get(event.id, (err, item) => {
    if (err) return context.fail(err);
    context.succeed(item);
  });
};

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    exports.recordHandler(event, legacyContext(context, resolve, reject));
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
