/**
 * A Durable Object's fetch() under the freeze-at-settle harness (DESIGN.md 6), before and after the
 * rewrite: the Workers runtime stand-in constructs the object with a state whose `waitUntil` keeps
 * the invocation open until the work handed to it has settled, calls fetch(), makes the response
 * and then waits for that work, as the runtime does. Before: the floating work lands after the
 * invocation ended (it escaped). After (`this.ctx.waitUntil(work)`): it lands inside the
 * invocation, after the response, and the response is the same.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, makeStubs, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare const db: { put<T>(item: T): Promise<T>; get(id: string): Promise<unknown> };
`;

/** What the rewrite needs of cloudflare:workers (its real declarations have the same shape). */
const RUNTIME_DTS = `
interface DurableObjectState { waitUntil(promise: Promise<unknown>): void }
declare module "cloudflare:workers" {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
  }
}
`;

const CONTEXT = {
  "package.json": JSON.stringify({ devDependencies: { wrangler: "^4.0.0" } }),
  "wrangler.toml": `name = "rooms"\nmain = "src/room.ts"\n\n[[durable_objects.bindings]]\nname = "ROOM"\nclass_name = "Room"\n`,
  "src/stubs.ts": STUBS_DTS,
  "src/runtime.d.ts": RUNTIME_DTS,
};

/** The Workers runtime around one request to a Durable Object. */
function makeRuntime(log: EffectLog) {
  const deferred: Promise<unknown>[] = [];
  const state = {
    waitUntil: (work: unknown) => deferred.push(Promise.resolve(work).then(undefined, (e: Error) => log.record(`deferred-error:${e.message}`))),
  };
  class DurableObject {
    constructor(
      protected ctx: unknown,
      protected env: unknown,
    ) {}
  }
  return {
    DurableObject,
    async serve(make: (state: unknown) => { fetch(request: unknown): Promise<unknown> }, request: unknown): Promise<unknown> {
      const response = await make(state).fetch(request);
      log.record("response");
      while (deferred.length > 0) await Promise.all(deferred.splice(0));
      return response;
    },
  };
}

const SERVE = `
declare const module: { exports: any };
export const handler = (event: unknown) =>
  require("settle:runtime").serve((state: unknown) => new module.exports.Room(state, { REGION: "eu" }), event);
`;

async function run(code: string, event: unknown): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const runtime = makeRuntime(log);
  const modules = { "./stubs": makeStubs(log), "cloudflare:workers": { DurableObject: runtime.DurableObject }, "settle:runtime": runtime };
  return invoke({ code: code + SERVE, fileName: "src/room.ts", event, runtime: "node24", modules });
}

describe("Durable Objects at runtime: work a method floats completes inside the invocation", () => {
  const source = `
import { DurableObject } from "cloudflare:workers";
import { db, track } from "./stubs";

export class Room extends DurableObject<{ REGION: string }> {
  async fetch(request: { id: string }) {
    const saved = await db.put({ id: request.id });
    track(\`joined:\${saved.id}\`);
    db.get("presence");
    return { status: 200, body: saved.id };
  }
}
`;

  it("fetch(): before, the work lands after settle; after, this.ctx.waitUntil(work) keeps it inside, same response", async () => {
    const event = { id: "r-1" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { status: 200, body: "r-1" },
      effectsAtSettle: ["db.put:r-1", "response"], lateEffects: ["track:joined:r-1", "db.get:presence"], unhandledRejections: [],
    });

    const rewritten = settleTwice("src/room.ts", source, { context: CONTEXT });
    expect(rewritten).toContain("    this.ctx.waitUntil(track(`joined:${saved.id}`));\n    this.ctx.waitUntil(db.get(\"presence\"));\n");
    const after = await run(rewritten, event);
    expect(after).toEqual({
      status: "ok", result: { status: 200, body: "r-1" },
      effectsAtSettle: ["db.put:r-1", "response", "track:joined:r-1", "db.get:presence"], lateEffects: [], unhandledRejections: [],
    });
  });
});
