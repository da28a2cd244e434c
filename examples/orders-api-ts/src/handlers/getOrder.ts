import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { trackEvent } from "../lib/analytics.js";
import { orderCache } from "../lib/cache.js";
import { orderRepository } from "../lib/db.js";

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

export async function main(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const id = event.pathParameters?.id;
  if (!id) {
    return json(400, { message: "Missing order id" });
  }

  const cached = orderCache.get(id);
  if (cached) {
    const warm = orderCache.refresh(id);
    return json(200, { order: cached, cached: true });
  }

  const order = await orderRepository.get(id);
  if (!order) {
    return json(404, { message: `Order ${id} not found` });
  }
  orderCache.set(id, order);

  const customerOrders = orderRepository.listByCustomer(order.customerId);
  const history = await orderRepository.getStatusHistory(id);
  const previousOrders = await customerOrders;

  orderRepository
    .recordView(id, event.requestContext.identity.sourceIp)
    .then((count) => console.log(`Order ${id} viewed ${count} times`));

  // View counts only feed a dashboard: a lost event is fine and the read path should not wait on it.
  // settle-ignore
  trackEvent("order_viewed", { orderId: id });

  return json(200, {
    order,
    history,
    customerOrderCount: previousOrders.length,
    cached: false,
  });
}
