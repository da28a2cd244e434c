import type { Config, Context } from "@netlify/functions";
import { addSubscriber, notifySlack } from "../../lib/subscribers.js";

export default async (req: Request, context: Context) => {
  const { email } = (await req.json()) as { email: string };
  await addSubscriber(email);
  // Nothing waits for the Slack message: the function ends with the response.
  notifySlack(`new subscriber: ${email} (${context.geo.country?.code ?? "unknown"})`);
  return Response.json({ ok: true });
};

export const config: Config = { path: "/api/subscribe" };
