async function saveOrder(order) {
  return { ...order, id: order.id ?? "o-1" };
}

async function track(event, id) {
  console.log("track", event, id);
}

async function notifyWarehouse(orderId) {
  console.log("ship", orderId);
}

module.exports = { saveOrder, track, notifyWarehouse };
