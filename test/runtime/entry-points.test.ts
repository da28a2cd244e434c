/**
 * Behavioural tests for entry points as real code writes them (issue 16): class-based handlers,
 * wrapped handlers and re-exported handlers run under the freeze-at-settle harness before and after
 * the rewrite, the way Node.js 24 Lambda runs them. Before: the floating work lands after the
 * invocation settled (it escaped, because settle did not see the entry point). After: it lands
 * inside the invocation, with the same result, and a second run changes nothing.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare const db: { put<T>(item: T): Promise<T> };
`;
const context = { "stubs.ts": STUBS_DTS };

function run(code: string, event: unknown, fileName = "handler.ts"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName, event, runtime: "node24", modules: { "./stubs": makeStubs(log) } });
}

const clean = { lateEffects: [], unhandledRejections: [] };

describe("entry points at runtime (node24): work in handlers settle now recognises lands inside the invocation", () => {
  it("class-based handler: instance.handler.bind(instance), and the this.x() it calls", async () => {
    const source = `
import { db, track } from "./stubs";

class Lambda {
  private readonly table = "orders";

  public async handler(event: { id: string }, context: unknown) {
    await db.put({ id: event.id });
    this.audit(event.id);
    return { table: this.table, id: event.id };
  }

  private async audit(id: string) {
    track(\`audit:\${id}\`);
  }
}

const instance = new Lambda();
export const handler = instance.handler.bind(instance);
`;
    const event = { id: "o-1" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { table: "orders", id: "o-1" },
      effectsAtSettle: ["db.put:o-1"], lateEffects: ["track:audit:o-1"], unhandledRejections: [],
    });
    const after = await run(settleTwice("handler.ts", source, { context }), event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:o-1", "track:audit:o-1"], ...clean });
  });

  it("handler made by a project factory, and one wrapped by a project wrapper: makeHandler(deps), withTiming(fn)", async () => {
    const source = `
import { db, track } from "./stubs";

function makeHandler(deps: { table: string }) {
  return async (event: { id: string }) => {
    await db.put({ id: event.id });
    track(\`\${deps.table}:\${event.id}\`);
    return { statusCode: 202 };
  };
}

const withTiming = (fn: (event: { id: string }) => Promise<unknown>) => async (event: { id: string }) => {
  const result = await fn(event);
  track(\`timed:\${event.id}\`);
  return result;
};

async function process(event: { id: string }) {
  await db.put({ id: event.id });
  track(\`processed:\${event.id}\`);
  return { ok: true };
}

export const handler = makeHandler({ table: "orders" });
export const processHandler = withTiming(process);
`;
    const event = { id: "o-2" };
    const log = createEffectLog();
    const runAs = (code: string, exportName: string) =>
      invoke({ code, fileName: "handler.ts", event, exportName, runtime: "node24", modules: { "./stubs": makeStubs(log) } });
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 202 },
      effectsAtSettle: ["db.put:o-2"], lateEffects: ["track:orders:o-2"], unhandledRejections: [],
    });
    const settled = settleTwice("handler.ts", source, { context });
    expect(await run(settled, event)).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:o-2", "track:orders:o-2"], ...clean });

    const beforeProcess = await runAs(source, "processHandler");
    expect(beforeProcess).toMatchObject({ status: "ok", result: { ok: true }, effectsAtSettle: ["db.put:o-2"] });
    expect(beforeProcess.lateEffects).toEqual(["track:processed:o-2", "track:timed:o-2"]);
    expect(await runAs(settled, "processHandler")).toEqual({
      status: "ok", result: { ok: true }, effectsAtSettle: ["db.put:o-2", "track:processed:o-2", "track:timed:o-2"], ...clean,
    });
  });
});
