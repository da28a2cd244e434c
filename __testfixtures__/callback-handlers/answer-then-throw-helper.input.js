const { io } = require("./services");

// A helper given the handler's context, answering with code after it that throws on the error path: the
// adapter's promise would answer the TypeError, where the old runtime had already sent the error.
function lookup(id, context) {
  io.get(id, function (err, item) {
    if (err) {
      context.fail(err);
    }
    context.succeed(item.text);
  });
}

exports.handler = function (event, context) {
  lookup(event.id, context);
};
