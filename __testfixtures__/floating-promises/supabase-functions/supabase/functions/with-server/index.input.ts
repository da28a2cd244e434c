import "jsr:@supabase/functions-js/edge-runtime.d.ts";
import { withSupabase } from "npm:@supabase/server@^1";
import { track } from "../_shared/mail.ts";

// Supabase's current template: the handler withSupabase wraps is the entry point.
export default {
  fetch: withSupabase({ auth: "secret" }, async (req, ctx) => {
    const { error } = await ctx.supabaseAdmin.from("signups").insert({ at: Date.now() });
    track("signup");
    return Response.json({ ok: !error });
  }),
};
