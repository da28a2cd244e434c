// Azure Functions have a context.done of their own: not a Lambda site.
function finish(context, result) {
  context.res = { body: result };
  context.done();
}

module.exports = { finish };
