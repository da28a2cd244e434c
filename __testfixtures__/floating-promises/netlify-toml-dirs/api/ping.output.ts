import { track } from "../lib/stubs.js";

export default async (req: Request, context: import("@netlify/functions").Context) => {
  context.waitUntil(track("ping"));
  return new Response("pong");
};
