import { describe, expect, it } from "vitest";
import type { Strategy } from "../../src/define-transform.js";
import { findEntryPoints } from "../../src/handlers/index.js";
import { minimumVersion } from "../../src/handlers/next.js";
import { createInMemoryProject } from "../../src/project.js";
import { chooseDeferral } from "../../src/strategy.js";
import { scriptKindFor } from "../../src/syntax.js";

/** Entry points of `file` in an in-memory project holding `files` (package.json, wrangler.toml, sources). */
function entries(files: Record<string, string>, file: string) {
  const project = createInMemoryProject();
  for (const [name, text] of Object.entries(files)) {
    if (/\.[cm]?[jt]sx?$/.test(name)) project.createSourceFile(name, text, { scriptKind: scriptKindFor(name) });
    else project.getFileSystem().writeFileSync(name, text);
  }
  return findEntryPoints(project.getSourceFileOrThrow(file));
}

function summary(files: Record<string, string>, file: string, strategy: Strategy = "auto") {
  return entries(files, file).map((e) => {
    const d = chooseDeferral(e, strategy);
    const how = d.kind === "await" ? `await${d.reason ? ` (${d.reason})` : ""}` : d.kind === "ctx.waitUntil" ? `${d.receiver}.waitUntil${d.addParams ? ` +${d.addParams.text}` : ""}` : d.kind;
    return `${e.platform} ${e.exportName}: ${how}`;
  });
}

const next = (version: string, extra: Record<string, string> = {}) => JSON.stringify({ dependencies: { next: version, ...extra } });
const ROUTE = `export async function GET() {}\nexport const POST = async (req: Request) => {};\nexport function helper() {}\n`;

describe("Next.js entry points", () => {
  it("route handlers, pages/api, middleware and proxy; after() from 15.1", () => {
    const files = {
      "package.json": next("^15.1.0"),
      "app/api/orders/route.ts": ROUTE,
      "src/app/(shop)/cart/route.js": `export async function DELETE() {}\n`,
      "pages/api/hello.ts": `export default async function handler(req: unknown, res: unknown) {}\n`,
      "middleware.ts": `export function middleware() {}\nexport const config = {};\n`,
      "src/proxy.ts": `export default function proxy() {}\n`,
      "app/page.tsx": `export default function Page() { return null; }\n`,
    };
    expect(summary(files, "app/api/orders/route.ts")).toEqual(["next GET: after", "next POST: after"]);
    expect(summary(files, "src/app/(shop)/cart/route.js")).toEqual(["next DELETE: after"]);
    expect(summary(files, "middleware.ts")).toEqual(["next middleware: after"]);
    expect(summary(files, "src/proxy.ts")).toEqual(["next default: after"]);
    expect(summary(files, "app/page.tsx")).toEqual([]);
    expect(summary(files, "pages/api/hello.ts", "defer")).toEqual([
      "next default: await (the pages router has no after(), and @vercel/functions is not a dependency; awaited instead)",
    ]);
  });

  it("reads the version: installed beats declared; before 15.1, waitUntil from @vercel/functions or await", () => {
    const route = { "app/route.ts": ROUTE };
    expect(summary({ ...route, "package.json": next("^15.0.0") }, "app/route.ts", "defer")[0]).toBe(
      "next GET: await (Next.js ^15.0.0 has no after() (stable from 15.1), and @vercel/functions is not a dependency; awaited instead)",
    );
    expect(summary({ ...route, "package.json": next("^15.0.0"), "node_modules/next/package.json": `{"version":"15.2.4"}` }, "app/route.ts")[0]).toBe("next GET: after");
    expect(summary({ ...route, "package.json": next("14.2.3", { "@vercel/functions": "^1.0.0" }) }, "app/route.ts")[0]).toBe("next GET: waitUntil");
    expect(summary({ ...route, "package.json": next("14.2.3") }, "app/route.ts", "auto")[0]).toBe("next GET: await");
    expect(summary({ ...route, "package.json": next("14.2.3") }, "app/route.ts", "await")[0]).toBe("next GET: await");
    expect(summary({ ...route, "package.json": JSON.stringify({ dependencies: {} }) }, "app/route.ts")).toEqual([]);
  });

  it("server actions: every export of a \"use server\" file, and inline \"use server\" functions", () => {
    const files = {
      "package.json": next("15.1.0"),
      "app/actions.ts": `"use server";\nexport async function save() {}\nexport const remove = async () => {};\n`,
      "app/page.tsx": `export default function Page() {\n  async function act() {\n    "use server";\n  }\n  return null;\n}\n`,
    };
    expect(summary(files, "app/actions.ts")).toEqual(["next save: after", "next remove: after"]);
    expect(summary(files, "app/page.tsx")).toEqual(["next act: after"]);
  });

  it("version ranges", () => {
    expect(minimumVersion("^15.1.0")).toEqual([15, 1, 0]);
    expect(minimumVersion(">=14 <16")).toEqual([14, 0, 0]);
    expect(minimumVersion("latest")).toBe("newest");
    expect(minimumVersion("workspace:*")).toBe("unknown");
    expect(minimumVersion("*")).toBe("unknown");
  });
});

describe("Vercel functions outside Next.js", () => {
  it("api/** exports in a Vercel package; waitUntil only with @vercel/functions", () => {
    const files = {
      "package.json": JSON.stringify({ dependencies: { "@vercel/functions": "^2.0.0" } }),
      "api/hello.ts": `export function GET(request: Request) { return new Response(""); }\n`,
      "api/legacy.js": `module.exports = async (req, res) => {};\n`,
      "api/_util.ts": `export default function util() {}\n`,
    };
    expect(summary(files, "api/hello.ts")).toEqual(["vercel GET: waitUntil"]);
    expect(summary(files, "api/legacy.js")).toEqual(["vercel default: waitUntil"]);
    expect(summary(files, "api/_util.ts")).toEqual([]);
    expect(summary({ ...files, "package.json": JSON.stringify({ dependencies: {} }) }, "api/hello.ts")).toEqual([]);
    expect(summary({ ...files, "package.json": "{}", "vercel.json": "{}" }, "api/hello.ts", "defer")).toEqual([
      "vercel GET: await (a Vercel function defers only through @vercel/functions, and @vercel/functions is not a dependency; awaited instead)",
    ]);
  });
});

describe("Cloudflare Workers", () => {
  const pkg = { "package.json": "{}", "wrangler.toml": `name = "w"\n` };
  it("export default { fetch, scheduled, queue }: ctx.waitUntil, adding the missing parameters (untyped in JS)", () => {
    const files = { ...pkg, "src/index.js": `export default {\n  fetch(request) {},\n  scheduled: async (controller, env, c) => {},\n  queue: (batch, env, { waitUntil }) => {},\n};\n` };
    expect(summary(files, "src/index.js", "defer")).toEqual([
      "workers default.fetch: c.waitUntil +, env, c",
      "workers default.scheduled: c.waitUntil",
      "workers default.queue: await (the execution context parameter is destructured (waitUntil needs its object); awaited instead)",
    ]);
  });

  it("only in a Workers package, or when the object says ExportedHandler (Bun and Deno use the same shape)", () => {
    const bun = { "package.json": "{}", "src/index.ts": `export default { fetch(req: Request) { return new Response(""); } };\n` };
    expect(summary(bun, "src/index.ts")).toEqual([]);
    const typed = { "package.json": "{}", "src/index.ts": `export default { fetch(req) { return new Response(""); } } satisfies ExportedHandler;\n` };
    expect(summary(typed, "src/index.ts")).toEqual(["workers default.fetch: ctx.waitUntil +, env, ctx"]);
    const byName = { ...pkg, "src/index.ts": `const worker = { async fetch(req: Request) {} };\nexport default worker;\n` };
    expect(summary(byName, "src/index.ts", "defer")).toEqual([
      "workers default.fetch: await (adding the `ctx` parameter needs the type ExecutionContext, which is not declared here (install @cloudflare/workers-types or run wrangler types); awaited instead)",
    ]);
  });

  it("typed parameters when the file annotates them and the types are declared; a used name is not shadowed", () => {
    const types = `interface Env {}\ninterface ExecutionContext { waitUntil(p: Promise<unknown>): void }\n`;
    const files = { ...pkg, "src/types.d.ts": types, "src/index.ts": `export default {\n  async fetch(request: Request) {},\n};\n` };
    expect(summary(files, "src/index.ts")).toEqual(["workers default.fetch: ctx.waitUntil +, env: Env, ctx: ExecutionContext"]);
    const usesEnv = { ...files, "src/index.ts": `import { env } from "cloudflare:workers";\nexport default {\n  async fetch(request: Request) { return env; },\n};\n` };
    expect(summary(usesEnv, "src/index.ts")).toEqual(["workers default.fetch: ctx.waitUntil +, _env: Env, ctx: ExecutionContext"]);
    const noEnvType = { ...files, "src/types.d.ts": `interface ExecutionContext { waitUntil(p: Promise<unknown>): void }\n` };
    expect(summary(noEnvType, "src/index.ts")).toEqual(["workers default.fetch: ctx.waitUntil +, env: unknown, ctx: ExecutionContext"]);
  });

  it("class extends WorkerEntrypoint: this.ctx", () => {
    const files = { ...pkg, "src/index.ts": `import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint {\n  async fetch() {}\n  async helper() {}\n}\n` };
    expect(summary(files, "src/index.ts")).toEqual(["workers default.fetch: this.ctx.waitUntil"]);
  });
});

describe("Hono", () => {
  const app = `import { Hono } from "hono";\nconst app = new Hono();\napp.get("/a", async (c) => c.text("a"));\napp.use(async (c, next) => { await next(); });\nexport const api = new Hono().basePath("/api").post("/b", async () => {});\n`;
  it("route handlers and middleware: c.executionCtx only on Workers", () => {
    expect(summary({ "package.json": JSON.stringify({ devDependencies: { wrangler: "^4" } }), "src/app.ts": app }, "src/app.ts")).toEqual([
      `hono app.get("/a"): c.executionCtx.waitUntil`,
      "hono app.use(): c.executionCtx.waitUntil",
      `hono app.post("/b"): c.executionCtx.waitUntil +c`,
    ]);
    expect(summary({ "package.json": JSON.stringify({ dependencies: { "@hono/node-server": "^1" } }), "src/app.ts": app }, "src/app.ts")).toEqual([
      `hono app.get("/a"): await`,
      "hono app.use(): await",
      `hono app.post("/b"): await`,
    ]);
  });
});

describe("NestJS", () => {
  const controller = `import { Controller, Get, Post as P } from "@nestjs/common";\n@Controller("x")\nexport class XController {\n  @Get() list() {}\n  @P() create() {}\n  helper() {}\n}\n`;
  it("route-decorated controller methods in a package deployed to Lambda: await", () => {
    const lambda = { "package.json": JSON.stringify({ dependencies: { "@codegenie/serverless-express": "^4" } }), "src/x.controller.ts": controller };
    expect(summary(lambda, "src/x.controller.ts", "defer")).toEqual([
      "nest XController.list: await (NestJS on AWS Lambda has no primitive to run work after the response; awaited instead)",
      "nest XController.create: await (NestJS on AWS Lambda has no primitive to run work after the response; awaited instead)",
    ]);
    expect(summary({ "package.json": "{}", "serverless.yml": "service: x\n", "src/x.controller.ts": controller }, "src/x.controller.ts")).toHaveLength(2);
    expect(summary({ "package.json": "{}", "src/x.controller.ts": controller }, "src/x.controller.ts")).toEqual([]);
  });
});

describe("AWS Lambda", () => {
  it("keeps its handlers, with no primitive", () => {
    const files = { "package.json": "{}", "handler.ts": `export const handler = async (event: unknown) => {};\n` };
    expect(summary(files, "handler.ts", "defer")).toEqual([
      "lambda handler: await (AWS Lambda has no primitive to run work after the response; awaited instead)",
    ]);
    expect(summary(files, "handler.ts", "auto")).toEqual(["lambda handler: await"]);
  });
});
