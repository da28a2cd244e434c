import { orderRepository, type Order } from "./db.js";

interface CacheEntry<T> {
  value: T;
  expiresAt: number;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly load: (key: string) => Promise<T | undefined>,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  async refresh(key: string): Promise<T | undefined> {
    const value = await this.load(key);
    if (value === undefined) {
      this.entries.delete(key);
    } else {
      this.set(key, value);
    }
    return value;
  }
}

export const orderCache = new TtlCache<Order>(30_000, (id) => orderRepository.get(id));
