exports.handler = function (event, context, callback) {
  callback(null, { sku: event.sku, level: 7 });
};
