exports.handler = function (event, context, callback) {
  if (!event.id) return callback(new Error("no id"));
  callback(null, { id: event.id, total: 3 });
};
