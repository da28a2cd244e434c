import type { Context } from "@netlify/functions";
import { save, track } from "../../lib/stubs.js";

// A Netlify function (v2): the invocation ends with the response, except for what context.waitUntil keeps.
export default async (req: Request, context: Context) => {
  const order = (await req.json()) as { id: string };
  await save(order);
  context.waitUntil(track("order-created", order.id));
  return Response.json({ ok: true });
};

export const config = { path: "/api/orders" };
