import { describe, expect, it } from "vitest";
import { findSupabaseFunctions } from "../../src/handlers/supabase.js";
import { createInMemoryProject } from "../../src/project.js";

function entriesOf(filePath: string, text: string, config = true) {
  const project = createInMemoryProject();
  if (config) project.getFileSystem().writeFileSync("/repo/supabase/config.toml", 'project_id = "x"\n');
  return findSupabaseFunctions(project.createSourceFile(filePath, text)).map((e) => `${e.exportName}: ${e.fn.getText().split("\n")[0]}`);
}

describe("Supabase Edge Functions", () => {
  it("take the handler of Deno.serve, in each of its forms, and of std's serve", () => {
    const file = "/repo/supabase/functions/a/index.ts";
    expect(entriesOf(file, "Deno.serve(async (req) => new Response());")).toEqual(["Deno.serve: async (req) => new Response()"]);
    expect(entriesOf(file, "Deno.serve({ port: 1 }, function (req) { return new Response(); });")).toEqual(["Deno.serve: function (req) { return new Response(); }"]);
    expect(entriesOf(file, "Deno.serve({ handler: async (req) => new Response() });")).toEqual(["Deno.serve: async (req) => new Response()"]);
    expect(entriesOf(file, "async function handle(req: Request) { return new Response(); }\nDeno.serve(handle);")).toEqual([
      "Deno.serve: async function handle(req: Request) { return new Response(); }",
    ]);
    expect(entriesOf(file, 'import { serve as s } from "https://deno.land/std@0.168.0/http/server.ts";\ns(async (req) => new Response());')).toEqual([
      "s: async (req) => new Response()",
    ]);
  });

  it("are only the index files of supabase/functions/<name>/ in a project with supabase/config.toml", () => {
    const code = "Deno.serve(async (req) => new Response());";
    expect(entriesOf("/repo/supabase/functions/_shared/index.ts", code)).toEqual([]);
    expect(entriesOf("/repo/supabase/functions/a/helper.ts", code)).toEqual([]);
    expect(entriesOf("/repo/server/index.ts", code)).toEqual([]);
    expect(entriesOf("/repo/supabase/functions/a/index.ts", code, false)).toEqual([]);
    // A serve() that is not std's is not an entry point.
    expect(entriesOf("/repo/supabase/functions/a/index.ts", 'import { serve } from "./server.ts";\nserve(async (req) => new Response());')).toEqual([]);
  });

  it("take the fetch of export default { fetch }: a method, a function, or the handler withSupabase wraps", () => {
    const file = "/repo/supabase/functions/a/index.ts";
    expect(entriesOf(file, "export default { async fetch(req: Request) { return new Response(); } };")).toEqual([
      "default.fetch: async fetch(req: Request) { return new Response(); }",
    ]);
    expect(entriesOf(file, "export default { fetch: async (req: Request) => new Response() } satisfies object;")).toEqual(["default.fetch: async (req: Request) => new Response()"]);
    const server = 'import { withSupabase as ws } from "npm:@supabase/server@^1";\nexport default { fetch: ws({ auth: "secret" }, async (req, ctx) => new Response()) };';
    expect(entriesOf(file, server)).toEqual(["default.fetch: async (req, ctx) => new Response()"]);
    // A wrapper settle does not know hides what the platform calls: not taken.
    expect(entriesOf(file, 'import { wrap } from "./wrap.ts";\nexport default { fetch: wrap(async (req) => new Response()) };')).toEqual([]);
    expect(entriesOf("/repo/supabase/functions/_shared/index.ts", "export default { async fetch(req: Request) { return new Response(); } };")).toEqual([]);
  });
});
