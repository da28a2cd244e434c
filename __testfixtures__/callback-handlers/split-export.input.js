const { db } = require("./services");

// A handler that the file also runs as a local script, with a context of its own: the script keeps calling
// the function as it is, and Lambda gets an async handler that calls it with the context adapter.
exports.handler = function (event, context) {
  if (!event.id) context.fail("no id");
  db.get(event.id || "none", function (err, item) {
    if (err) {
      context.fail("lookup failed: " + err.message);
      return;
    }
    context.succeed({ found: item.text });
  });
};

var local = {
  succeed: function (x) { console.log("succeeded", x); },
  fail: function (e) { console.log("failed", e); },
};
if (process.env.RUN_LOCALLY) {
  exports.handler({ id: process.env.RUN_LOCALLY }, local);
}
