// The part of npm:@supabase/server's API the fixture uses (a stand-in).
export interface SupabaseContext {
  supabaseAdmin: { from(table: string): { insert(row: object): Promise<{ error: Error | null }> } };
}
export declare function withSupabase(
  options: { auth: "secret" | "none" | "user" },
  handler: (req: Request, ctx: SupabaseContext) => Promise<Response>,
): (req: Request) => Promise<Response>;
