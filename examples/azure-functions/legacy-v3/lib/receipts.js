async function renderReceipt(order) {
  return `<p>Order ${order.id}: ${order.total}</p>`;
}

async function track(event, id) {
  console.log("track", event, id);
}

module.exports = { renderReceipt, track };
