export function handler(event, context, callback) {
  if (!event.sku) return callback(new Error("no sku"));
  callback(null, { sku: event.sku, price: 3 });
}
