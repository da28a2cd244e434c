import { track } from "../../../lib/stubs.js";

// No context parameter yet: it is added, typed through the package, so no import is needed.
export default async function (req: Request, context: import("@netlify/functions").Context) {
  context.waitUntil(track("hello", new URL(req.url).pathname));
  return new Response("hello");
}
