import { track } from "../supabase/functions/_shared/mail.ts";

// A long-running Deno server outside supabase/functions: not frozen between requests, left alone.
Deno.serve(async (req) => {
  track("server");
  return new Response("ok");
});
