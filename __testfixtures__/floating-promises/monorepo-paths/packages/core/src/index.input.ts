import { audit } from "./audit";

export interface Order {
  id: string;
}

export const orders = {
  async record(order: Order): Promise<void> {
    // floating: the invocation may freeze before the audit is written
    audit(order.id);
  },
};

export async function recordAll(list: Order[]): Promise<void> {
  for (const order of list) orders.record(order);
}

// Not reached from any handler: left as it is.
export function warmUp(): void {
  audit("warm-up");
}
