const { db } = require("./services");

// Named like a handler, but only ever called by handlers with their own context: a helper, which
// stays as it is (the callers' context adapter answers for it); no finding blocks its callers.
exports.recordHandler = function (event, context) {
  db.get(event.id, (err, item) => {
    if (err) return context.fail(err);
    context.succeed(item);
  });
};

exports.handler = function (event, context) {
  exports.recordHandler(event, context);
};
