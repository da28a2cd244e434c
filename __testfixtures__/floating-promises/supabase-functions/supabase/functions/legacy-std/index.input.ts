import { serve } from "https://deno.land/std@0.168.0/http/server.ts";
import { track } from "../_shared/mail.ts";

// Older functions serve with the standard library's serve().
serve(async (req: Request) => {
  track("legacy");
  return new Response("ok");
});
