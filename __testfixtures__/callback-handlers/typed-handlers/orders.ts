export interface Order {
  id: string;
  total: number;
}

export declare function loadOrder(id: string, done: (err: Error | null, order?: Order) => void): void;
