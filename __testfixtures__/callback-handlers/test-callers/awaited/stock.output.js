exports.handler = async function (event, context) {
  return { sku: event.sku, level: 7 };
};
