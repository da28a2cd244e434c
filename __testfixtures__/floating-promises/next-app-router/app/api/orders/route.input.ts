import { NextResponse } from "next/server";
import { audit, loadStock, refreshCache, track } from "../../../lib/analytics";
import { db } from "../../../lib/db";

export async function POST(request: Request) {
  const order = await db.orders.create(await request.json());
  track("order_created", { id: order.id });
  void audit.write("order.created", order.id);
  const warm = refreshCache(order.id);
  let stock = 0;
  loadStock(order.id).then((n) => {
    stock = n;
  });
  return NextResponse.json({ order, stock }, { status: 201 });
}

export const GET = async () => {
  const orders = await db.orders.list();
  track("orders_listed", { count: orders.length });
  return NextResponse.json(orders);
};
