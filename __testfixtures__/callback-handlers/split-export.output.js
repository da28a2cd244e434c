const { db } = require("./services");

// A handler that the file also runs as a local script, with a context of its own: the script keeps calling
// the function as it is, and Lambda gets an async handler that calls it with the context adapter.
const legacyHandler = function (event, context) {
  if (!event.id) context.fail("no id");
  db.get(event.id || "none", function (err, item) {
    if (err) {
      context.fail("lookup failed: " + err.message);
      return;
    }
    context.succeed({ found: item.text });
  });
};

// The handler Lambda calls; legacyHandler stays as it was for this file's own calls of it.
exports.handler = async (event, context) => new Promise((resolve, reject) => legacyHandler(event, legacyContext(context, resolve, reject)));

var local = {
  succeed: function (x) { console.log("succeeded", x); },
  fail: function (e) { console.log("failed", e); },
};
if (process.env.RUN_LOCALLY) {
  legacyHandler({ id: process.env.RUN_LOCALLY }, local);
}

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
