export interface Order {
  id: string;
  total: number;
}

export const db = {
  orders: {
    async create(input: unknown): Promise<Order> {
      return { id: "o-1", total: Number((input as { total?: number }).total ?? 0) };
    },
    async list(): Promise<Order[]> {
      return [];
    },
  },
};
