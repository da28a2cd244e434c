import type { Order } from "./db.js";

const MAIL_API_URL = "https://mail.internal.example.com/v2/send";

function formatTotal(order: Order): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: order.currency }).format(
    order.total / 100,
  );
}

export async function sendConfirmationEmail(order: Order): Promise<void> {
  const response = await fetch(MAIL_API_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      to: order.customerEmail,
      template: "order-confirmation",
      data: {
        orderId: order.id,
        itemCount: order.items.length,
        total: formatTotal(order),
      },
    }),
  });

  if (!response.ok) {
    throw new Error(`Mail API returned ${response.status} for order ${order.id}`);
  }
}
