import type { APIGatewayProxyHandler } from "aws-lambda";

interface Order {
  id: string;
  total: number;
}

async function trackAnalytics(order: Order): Promise<void> {
  await fetch("https://analytics.internal/track", { method: "POST", body: JSON.stringify(order) });
}

class Repository {
  async save(order: Order): Promise<Order> {
    return order;
  }
  count(): number {
    return 1;
  }
}

/** A custom thenable: has a callable `then` but is not a Promise. */
class Deferred<T> {
  constructor(private readonly value: T) {}
  then<R>(onFulfilled: (value: T) => R): Promise<R> {
    return Promise.resolve(onFulfilled(this.value));
  }
}

/** A lazy query builder: nothing runs until someone awaits it. */
class Query {
  where(_column: string, _value: unknown): Query {
    return this;
  }
  then(onFulfilled: (rows: unknown[]) => void, onRejected?: (error: unknown) => void): void {
    Promise.resolve([]).then(onFulfilled, onRejected);
  }
}

const repository = new Repository();
const db = { table: (_name: string) => new Query() };

export const handler: APIGatewayProxyHandler = async (event) => {
  const order: Order = JSON.parse(event.body ?? "{}");
  await trackAnalytics(order);
  await repository.save(order);
  await new Deferred(order.id);
  await db.table("orders").where("id", order.id);
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
  repository.count();
  console.log("saved", order.id);
  return { statusCode: 201, body: JSON.stringify(order) };
};
