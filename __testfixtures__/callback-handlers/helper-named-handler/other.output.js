const { recordHandler } = require("./index");

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    recordHandler(event.detail, legacyContext(context, resolve, reject));
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
