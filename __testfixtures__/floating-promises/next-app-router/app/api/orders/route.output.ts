import { NextResponse, after } from "next/server";
import { audit, loadStock, refreshCache, track } from "../../../lib/analytics";
import { db } from "../../../lib/db";

export async function POST(request: Request) {
  const order = await db.orders.create(await request.json());
  after(() => track("order_created", { id: order.id }));
  after(() => audit.write("order.created", order.id));
  const warm = refreshCache(order.id);
  after(warm);
  let stock = 0;
  await loadStock(order.id).then((n) => {
    stock = n;
  });
  return NextResponse.json({ order, stock }, { status: 201 });
}

export const GET = async () => {
  const orders = await db.orders.list();
  after(() => track("orders_listed", { count: orders.length }));
  return NextResponse.json(orders);
};
