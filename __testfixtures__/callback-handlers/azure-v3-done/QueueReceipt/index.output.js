module.exports = async function (context, item) {
  context.log("processing", item.id);
  context.bindings.outQueue = { id: item.id, done: true };
  return { receipt: item.id };
};
