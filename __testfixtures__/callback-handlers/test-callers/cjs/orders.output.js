exports.handler = async function (event, context) {
  if (!event.id) throw new Error("no id");
  return { id: event.id, total: 3 };
};
