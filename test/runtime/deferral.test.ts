/**
 * Behavioural tests for platform-aware deferral (DESIGN.md 5 and 6): a handler runs under the
 * freeze-at-settle harness before and after the rewrite, with stand-ins for Next.js `after()`,
 * @vercel/functions `waitUntil()`, Cloudflare's `ctx.waitUntil()`, Netlify's `context.waitUntil()` and Supabase's
 * `EdgeRuntime.waitUntil()` that keep the invocation open
 * until the deferred work has settled, as those platforms do. Before: the floating work lands after
 * the invocation ended (it escaped). After: it lands before the invocation ends, after the response
 * was made, and the response is the same.
 */
import { describe, expect, it } from "vitest";
import type { Strategy } from "../../src/define-transform.js";
import { createEffectLog, invoke, makeStubs, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

/** The types of makeStubs(log), so the checker knows which calls return promises. */
const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare const db: { put<T>(item: T): Promise<T>; get(id: string): Promise<unknown> };
export declare function sendEmail(to: string): Promise<{ to: string; sent: boolean }>;
export declare function failing(msg: string): Promise<never>;
`;

/**
 * The platform around one invocation: `after(fn)` callbacks run once the response is made, every
 * deferred promise is waited for before the invocation ends, and a deferred failure is logged (as
 * Next.js and Workers log it) instead of failing the response.
 */
function makePlatform(log: EffectLog) {
  const deferred: Promise<unknown>[] = [];
  const callbacks: (() => unknown)[] = [];
  const keep = (work: unknown) =>
    deferred.push(Promise.resolve(work).then(undefined, (e: Error) => log.record(`deferred-error:${e.message}`)));
  /** Supabase's Edge Runtime: Deno.serve keeps the handler, EdgeRuntime.waitUntil keeps the worker for a promise. */
  const supabase = {
    handler: (_req: unknown): unknown => {
      throw new Error("Deno.serve was not called");
    },
    serve: (fn: (req: unknown) => unknown) => {
      supabase.handler = fn;
    },
    edge: { waitUntil: (promise: unknown) => keep(promise) },
  };
  return {
    after: (task: unknown) => (typeof task === "function" ? callbacks.push(task as () => unknown) : keep(task)),
    waitUntil: (promise: unknown) => keep(promise),
    ctx: { waitUntil: (promise: unknown) => keep(promise), passThroughOnException: () => undefined },
    /** Supabase's Edge Runtime: Deno.serve keeps the handler, EdgeRuntime.waitUntil keeps the worker for a promise. */
    supabase,
    /** The platform's side of one request: call the entry point, make the response, run the deferred work. */
    async serve(entry: (ctx: unknown) => unknown): Promise<unknown> {
      const response = await entry(this.ctx);
      log.record("response");
      for (const callback of callbacks.splice(0)) keep(Promise.resolve().then(callback));
      while (deferred.length > 0) await Promise.all(deferred.splice(0));
      return response;
    },
  };
}

/** Appended to the module under test: the harness calls `handler`, which serves `call` through the platform. */
const serveThrough = (call: string) => `
declare const module: { exports: any };
export const handler = (event: unknown) => require("settle:platform").serve((ctx: unknown) => (${call}));
`;

/** One invocation under the Node.js 24 runtime with fresh stubs, platform and effect log. */
async function run(code: string, call: string, event: unknown, fileName: string): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const platform = makePlatform(log);
  const modules = {
    "./stubs": makeStubs(log),
    "next/server": { after: platform.after },
    "@vercel/functions": { waitUntil: platform.waitUntil },
    "settle:platform": platform,
  };
  return invoke({ code: code + serveThrough(call), fileName, event, runtime: "node24", modules });
}

/** Transform once (must change, cleanly, with nothing reported), then again (must be a no-op). */
function settle(fileName: string, source: string, context: Record<string, string>, strategy: Strategy = "auto"): string {
  const dir = fileName.slice(0, fileName.lastIndexOf("/") + 1);
  return settleTwice(fileName, source, { context: { [`${dir}stubs.ts`]: STUBS_DTS, ...context }, strategy });
}

const NEXT_15 = { "package.json": JSON.stringify({ dependencies: { next: "^15.1.0" } }) };

describe("deferral at runtime: deferred work lands inside the invocation, after the response", () => {
  const ROUTE = "app/api/orders/route.ts";
  const route = `
import { db, sendEmail, track } from "./stubs";

export async function POST(request: { id: string; email: string }) {
  const order = await db.put({ id: request.id });
  track("order-created");
  void sendEmail(request.email);
  const warm = db.get("warm-cache");
  let seen: unknown;
  db.get(request.id).then((found) => {
    seen = found;
  });
  return { status: 201, body: { id: order.id, seen } };
}
`;

  it("Next.js route handler: after(() => work), and the work the response reads stays awaited", async () => {
    const event = { id: "o-1", email: "ada@example.com" };
    const call = "module.exports.POST(event)";
    const before = await run(route, call, event, ROUTE);
    expect(before).toEqual({
      status: "ok", result: { status: 201, body: { id: "o-1", seen: undefined } },
      effectsAtSettle: ["db.put:o-1", "response"],
      lateEffects: ["track:order-created", "db.get:warm-cache", "db.get:o-1", "email:ada@example.com"],
      unhandledRejections: [],
    });

    const rewritten = settle(ROUTE, route, NEXT_15);
    expect(rewritten).toContain(`import { after } from "next/server";`);
    expect(rewritten).toContain(`  after(() => track("order-created"));\n  after(() => sendEmail(request.email));\n  const warm = db.get("warm-cache");\n  after(warm);\n`);
    const after = await run(rewritten, call, event, ROUTE);
    // The response now has what it read (the .then stayed awaited); the rest ran after it was made.
    expect(after).toEqual({
      status: "ok", result: { status: 201, body: { id: "o-1", seen: { id: "o-1" } } },
      effectsAtSettle: ["db.put:o-1", "db.get:warm-cache", "db.get:o-1", "response", "track:order-created", "email:ada@example.com"],
      lateEffects: [], unhandledRejections: [],
    });
  });

  it("a deferred failure is logged and the response stands; --strategy await makes it the invocation's error", async () => {
    const source = `
import { db, failing } from "./stubs";

export async function POST(request: { id: string }) {
  await db.put({ id: request.id });
  failing("crm down");
  return { status: 201 };
}
`;
    const event = { id: "o-2" };
    const call = "module.exports.POST(event)";
    const before = await run(source, call, event, ROUTE);
    expect(before).toEqual({
      status: "ok", result: { status: 201 }, effectsAtSettle: ["db.put:o-2", "response"],
      lateEffects: ["failing:crm down"], unhandledRejections: ["crm down"],
    });

    const deferred = await run(settle(ROUTE, source, NEXT_15), call, event, ROUTE);
    expect(deferred).toEqual({
      status: "ok", result: { status: 201 },
      effectsAtSettle: ["db.put:o-2", "response", "failing:crm down", "deferred-error:crm down"],
      lateEffects: [], unhandledRejections: [],
    });

    const awaited = await run(settle(ROUTE, source, NEXT_15, "await"), call, event, ROUTE);
    expect(awaited).toEqual({
      status: "error", error: { name: "Error", message: "crm down" },
      effectsAtSettle: ["db.put:o-2", "failing:crm down"], lateEffects: [], unhandledRejections: [],
    });
  });

  it("Next.js 14 with @vercel/functions: waitUntil(work) keeps the function alive", async () => {
    const source = `
import { track } from "./stubs";

export function GET(request: { path: string }) {
  track(\`view:\${request.path}\`);
  return { status: 200 };
}
`;
    const context = { "package.json": JSON.stringify({ dependencies: { next: "14.2.3", "@vercel/functions": "^1.5.0" } }) };
    const event = { path: "/docs" };
    const call = "module.exports.GET(event)";
    const before = await run(source, call, event, "app/api/view/route.ts");
    expect(before).toMatchObject({ status: "ok", effectsAtSettle: ["response"], lateEffects: ["track:view:/docs"] });

    const rewritten = settle("app/api/view/route.ts", source, context);
    expect(rewritten).toContain(`import { waitUntil } from "@vercel/functions";`);
    const after = await run(rewritten, call, event, "app/api/view/route.ts");
    // waitUntil takes the started promise: the work runs concurrently with the response, as before.
    expect(after).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["response", "track:view:/docs"], lateEffects: [], unhandledRejections: [],
    });
  });

  it("Cloudflare Worker without ctx: the parameters are added and ctx.waitUntil(work) is used", async () => {
    const source = `
import { db, track } from "./stubs";

interface Env {
  REGION: string;
}

export default {
  async fetch(request: { id: string }, env: Env) {
    const item = await db.put({ id: request.id, region: env.REGION });
    track(\`stored:\${item.id}\`);
    return { status: 200 };
  },
};
`;
    const context = {
      "package.json": JSON.stringify({ devDependencies: { wrangler: "^4.0.0" } }),
      "wrangler.toml": `name = "w"\n`,
      "src/runtime.d.ts": `interface ExecutionContext { waitUntil(promise: Promise<unknown>): void; passThroughOnException(): void }\n`,
    };
    const event = { id: "i-1" };
    const call = `module.exports.default.fetch(event, { REGION: "eu" }, ctx)`;
    const before = await run(source, call, event, "src/index.ts");
    expect(before).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["db.put:i-1", "response"], lateEffects: ["track:stored:i-1"], unhandledRejections: [],
    });

    const rewritten = settle("src/index.ts", source, context);
    expect(rewritten).toContain(`  async fetch(request: { id: string }, env: Env, ctx: ExecutionContext) {\n`);
    expect(rewritten).toContain(`    ctx.waitUntil(track(\`stored:\${item.id}\`));\n`);
    const after = await run(rewritten, call, event, "src/index.ts");
    expect(after).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["db.put:i-1", "response", "track:stored:i-1"], lateEffects: [], unhandledRejections: [],
    });
  });
  it("Netlify function (v2): context.waitUntil(work) keeps the invocation open past the response", async () => {
    const source = `
import { db, track } from "./stubs";

export default async (req: { id: string }, context: { waitUntil(promise: Promise<unknown>): void }) => {
  const item = await db.put({ id: req.id });
  track(\`stored:\${item.id}\`);
  return { status: 201 };
};
`;
    const context = { "package.json": JSON.stringify({ dependencies: { "@netlify/functions": "^5.3.0" } }) };
    const event = { id: "n-1" };
    const call = `module.exports.default(event, ctx)`;
    const before = await run(source, call, event, "netlify/functions/orders.ts");
    expect(before).toEqual({
      status: "ok", result: { status: 201 }, effectsAtSettle: ["db.put:n-1", "response"], lateEffects: ["track:stored:n-1"], unhandledRejections: [],
    });

    const rewritten = settle("netlify/functions/orders.ts", source, context);
    expect(rewritten).toContain(`  context.waitUntil(track(\`stored:\${item.id}\`));\n`);
    const after = await run(rewritten, call, event, "netlify/functions/orders.ts");
    expect(after).toEqual({
      status: "ok", result: { status: 201 }, effectsAtSettle: ["db.put:n-1", "response", "track:stored:n-1"], lateEffects: [], unhandledRejections: [],
    });
  });

  it("Netlify edge function without a context parameter: it is added, typed with the imported Context, and the work is handed to context.waitUntil", async () => {
    const source = `
import type { Context } from "@netlify/edge-functions";
import { track } from "./stubs";

export default async (request: { id: string }) => {
  track(\`edge:\${request.id}\`);
  return { status: 200 };
};
`;
    const context = { "netlify.toml": "[build]\n  publish = \"dist\"\n", "package.json": "{}" };
    const event = { id: "e-1" };
    const call = `module.exports.default(event, ctx)`;
    const before = await run(source, call, event, "netlify/edge-functions/geo.ts");
    expect(before.lateEffects).toEqual(["track:edge:e-1"]);

    const rewritten = settle("netlify/edge-functions/geo.ts", source, context);
    expect(rewritten).toContain(`export default async (request: { id: string }, context: Context) => {\n  context.waitUntil(track(\`edge:\${request.id}\`));\n`);
    const after = await run(rewritten, call, event, "netlify/edge-functions/geo.ts");
    expect(after).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["response", "track:edge:e-1"], lateEffects: [], unhandledRejections: [],
    });
  });
  it("Supabase Edge Function: EdgeRuntime.waitUntil(work) keeps the worker alive past the response", async () => {
    const source = `
import { db, track } from "./stubs";

Deno.serve(async (req: { id: string }) => {
  const item = await db.put({ id: req.id });
  track(\`stored:\${item.id}\`);
  return { status: 200 };
});
`;
    const context = {
      "supabase/config.toml": 'project_id = "demo"\n',
      "edge-runtime.d.ts": "declare namespace EdgeRuntime { function waitUntil(promise: Promise<unknown>): void }\n" +
        "declare namespace Deno { function serve(handler: (req: { id: string }) => unknown): void }\n",
    };
    // The harness's Deno.serve keeps the handler; EdgeRuntime is the platform's (the test's scaffolding, not settle's input).
    const scaffold = (code: string) =>
      `const { serve: __serve, edge: EdgeRuntime } = require("settle:platform").supabase;\nconst Deno = { serve: __serve };\n${code}`;
    const event = { id: "s-1" };
    const call = `require("settle:platform").supabase.handler(event)`;
    const file = "supabase/functions/store/index.ts";
    const before = await run(scaffold(source), call, event, file);
    expect(before).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["db.put:s-1", "response"], lateEffects: ["track:stored:s-1"], unhandledRejections: [],
    });

    const rewritten = settle(file, source, context);
    expect(rewritten).toContain(`  EdgeRuntime.waitUntil(track(\`stored:\${item.id}\`));\n`);
    const after = await run(scaffold(rewritten), call, event, file);
    expect(after).toEqual({
      status: "ok", result: { status: 200 }, effectsAtSettle: ["db.put:s-1", "response", "track:stored:s-1"], lateEffects: [], unhandledRejections: [],
    });
  });
});
