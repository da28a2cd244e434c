import { recordVisit } from "../../lib/subscribers.js";

// An edge function without the context parameter: settle adds it to reach context.waitUntil.
export default async (request) => {
  recordVisit(new URL(request.url).pathname, undefined);
  return new Response("ok");
};

export const config = { path: "/visit" };
