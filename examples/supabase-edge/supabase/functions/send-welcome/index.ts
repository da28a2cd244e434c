import "jsr:@supabase/functions-js/edge-runtime.d.ts";
import { logSignup, sendWelcomeEmail } from "../_shared/mail.ts";

Deno.serve(async (req) => {
  const { email } = await req.json();
  await sendWelcomeEmail(email);
  // Nothing waits for this: the worker can be shut down as soon as the response is sent.
  logSignup(email);
  return new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json" } });
});
