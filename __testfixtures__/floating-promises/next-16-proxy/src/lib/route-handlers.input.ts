import { NextResponse } from "next/server";
import { track } from "@/lib/analytics";

export async function GET(request: Request) {
  track("orders_listed", { path: new URL(request.url).pathname });
  return NextResponse.json([]);
}

export async function POST(request: Request) {
  const order = (await request.json()) as { id: string };
  track("order_created", { id: order.id });
  return NextResponse.json(order, { status: 201 });
}

export function helperNotRouted(id: string) {
  track("not_routed", { id });
}
