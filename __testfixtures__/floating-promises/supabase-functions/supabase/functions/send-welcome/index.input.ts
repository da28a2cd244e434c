import "jsr:@supabase/functions-js/edge-runtime.d.ts";
import { sendEmail, track } from "../_shared/mail.ts";

Deno.serve(async (req) => {
  const { email } = (await req.json()) as { email: string };
  await sendEmail(email);
  // The worker may be shut down once the response is sent: EdgeRuntime.waitUntil keeps it for this.
  track("welcome-sent");
  return new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json" } });
});
