const { renderReceipt, track } = require("../lib/receipts");

// The v3 model: the invocation ends at context.done(), and nothing waits for track().
module.exports = function (context, order) {
  track("receipt_requested", order.id);
  renderReceipt(order)
    .then((html) => {
      context.bindings.email = { to: order.email, subject: "Your receipt", html };
      context.done();
    })
    .catch(context.done);
};
