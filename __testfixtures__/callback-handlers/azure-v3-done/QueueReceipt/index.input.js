module.exports = function (context, item) {
  context.log("processing", item.id);
  context.bindings.outQueue = { id: item.id, done: true };
  context.done(null, { receipt: item.id });
};
