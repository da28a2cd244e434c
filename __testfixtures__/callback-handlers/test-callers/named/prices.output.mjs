export async function handler(event, context) {
  if (!event.sku) throw new Error("no sku");
  return { sku: event.sku, price: 3 };
}
