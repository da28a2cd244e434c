import { track } from "../_shared/mail.ts";

// The method form; EdgeRuntime is declared for the whole project (types/ is in the tsconfig).
export default {
  async fetch(req: Request): Promise<Response> {
    EdgeRuntime.waitUntil(track(new URL(req.url).pathname));
    return new Response("ok");
  },
};
