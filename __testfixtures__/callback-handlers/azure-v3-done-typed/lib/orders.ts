export interface Order {
  id: string;
  total: number;
}
export async function lookup(id: string): Promise<Order> {
  return { id, total: 42 };
}
export async function audit(what: string): Promise<void> {
  void what;
}
