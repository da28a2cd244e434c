import type { APIGatewayProxyHandler, APIGatewayProxyResult } from "aws-lambda";
import { trackEvent } from "../lib/analytics.js";
import { AuditLog, orderRepository, type Order, type OrderItem } from "../lib/db.js";
import { sendConfirmationEmail } from "../lib/email.js";

const auditLog = new AuditLog("orders-api");

interface CreateOrderRequest {
  customerId: string;
  customerEmail: string;
  currency?: string;
  items: OrderItem[];
}

function parseRequest(body: string | null): CreateOrderRequest | undefined {
  if (!body) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(body) as Partial<CreateOrderRequest>;
    if (!parsed.customerId || !parsed.customerEmail || !Array.isArray(parsed.items)) {
      return undefined;
    }
    return parsed as CreateOrderRequest;
  } catch {
    return undefined;
  }
}

function calculateTotal(items: OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

export const handler: APIGatewayProxyHandler = async (event) => {
  const request = parseRequest(event.body);
  if (!request || request.items.length === 0) {
    return json(400, { message: "customerId, customerEmail and at least one item are required" });
  }

  const order: Order = {
    id: crypto.randomUUID(),
    customerId: request.customerId,
    customerEmail: request.customerEmail,
    items: request.items,
    total: calculateTotal(request.items),
    currency: request.currency ?? "EUR",
    status: "pending",
    createdAt: new Date().toISOString(),
  };

  await orderRepository.put(order);

  trackEvent("order_created", { orderId: order.id, total: order.total, items: order.items.length });
  sendConfirmationEmail(order).catch((err) => console.error("Failed to send confirmation email", err));
  void auditLog.write("order.created", { orderId: order.id, customerId: order.customerId });

  return json(201, order);
};
