import { publish } from "./events.js";

export class OrderService {
  async create(body: string): Promise<string> {
    publish("order.created", body);
    return body;
  }

  async notify(order: string): Promise<void> {
    publish("order.notified", order);
  }

  /** Never called from a handler: stays as it is. */
  async rebuild(): Promise<void> {
    publish("order.rebuilt", "");
  }
}
