import { recordMetric } from "./analytics.js";

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export type OrderStatus = "pending" | "paid" | "shipped" | "cancelled";

export interface Order {
  id: string;
  customerId: string;
  customerEmail: string;
  items: OrderItem[];
  total: number;
  currency: string;
  status: OrderStatus;
  createdAt: string;
}

export interface StatusChange {
  status: OrderStatus;
  at: string;
}

export interface AuditEntry {
  source: string;
  action: string;
  details: Record<string, unknown>;
  at: string;
}

const orders = new Map<string, Order>();
const statusHistory = new Map<string, StatusChange[]>();
const views = new Map<string, string[]>();

export class OrderRepository {
  async get(id: string): Promise<Order | undefined> {
    return orders.get(id);
  }

  async put(order: Order): Promise<void> {
    orders.set(order.id, order);
    const history = statusHistory.get(order.id) ?? [];
    history.push({ status: order.status, at: new Date().toISOString() });
    statusHistory.set(order.id, history);
  }

  async listByCustomer(customerId: string): Promise<Order[]> {
    return [...orders.values()].filter((order) => order.customerId === customerId);
  }

  async getStatusHistory(id: string): Promise<StatusChange[]> {
    return statusHistory.get(id) ?? [];
  }

  async recordView(id: string, sourceIp: string): Promise<number> {
    const seen = views.get(id) ?? [];
    seen.push(sourceIp);
    views.set(id, seen);
    return seen.length;
  }
}

export class AuditLog {
  private readonly entries: AuditEntry[] = [];

  constructor(private readonly source: string) {}

  async write(action: string, details: Record<string, unknown>): Promise<void> {
    this.entries.push({ source: this.source, action, details, at: new Date().toISOString() });
  }

  size(): number {
    return this.entries.length;
  }
}

export const orderRepository = new OrderRepository();

export async function saveItem(order: Order): Promise<void> {
  if (!order.id || !order.customerId) {
    throw new Error("Imported order is missing id or customerId");
  }

  await orderRepository.put(order);
  recordMetric("OrdersImported", 1);
}
