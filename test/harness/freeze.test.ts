import { describe, expect, it } from "vitest";
import { callFromIo, createEffectLog, invoke, makeStubs, trackPending, type InvokeOptions } from "./freeze.js";

function run(code: string, runtime: InvokeOptions["runtime"], extra: Partial<InvokeOptions> = {}) {
  const log = createEffectLog();
  return invoke({ code, runtime, modules: { "./stubs": makeStubs(log) }, ...extra });
}
const clean = { unhandledRejections: [] };
// Captured before any invocation, so a harness that forgets to restore them is caught by any later test.
const runnerListeners = process.rawListeners("unhandledRejection");

describe("node24", () => {
  const floating = `
    import { track } from "./stubs";
    export const handler = async (event: { id: string }) => { track(\`start:\${event.id}\`); return "done"; };`;

  it("reports floating work as late and awaited work as settled", async () => {
    const before = await run(floating, "node24", { event: { id: "1" } });
    expect(before).toEqual({ status: "ok", result: "done", effectsAtSettle: [], lateEffects: ["track:start:1"], ...clean });
    const awaited = floating.replace("{ track(", "{ await track(");
    const after = await run(awaited, "node24", { event: { id: "1" } });
    expect(after).toEqual({ status: "ok", result: "done", effectsAtSettle: ["track:start:1"], lateEffects: [], ...clean });
  });

  it("refuses callback-style handlers without calling them", async () => {
    const code = `import { track } from "./stubs";
      export const handler = (e, c, cb) => { track("called"); cb(null, 1); };`;
    const out = await run(code, "node24", { fileName: "handler.js" });
    expect(out.status).toBe("refused");
    expect(out.error?.name).toBe("Runtime.CallbackHandlerDeprecated");
    expect([out.effectsAtSettle, out.lateEffects]).toEqual([[], []]);
  });

  it("has no context.succeed (TypeError like the real runtime)", async () => {
    const code = `exports.handler = function (event, context) { context.succeed({ ok: true }); };`;
    const out = await run(code, "node24", { fileName: "handler.js" });
    expect(out.status).toBe("error");
    expect(out.error).toEqual({ name: "TypeError", message: "context.succeed is not a function" });
  });

  it("treats a plain return value as settled immediately", async () => {
    expect(await run(`export const handler = () => 42;`, "node24")).toMatchObject({ status: "ok", result: 42 });
  });

  it("times out a promise that never settles", async () => {
    const out = await run(`export const handler = () => new Promise(() => {});`, "node24", { timeoutMs: 30 });
    expect(out.status).toBe("timeout");
  });
});

describe("legacy", () => {
  const callbackWithTimer = (flag: string) => `
    const { track } = require("./stubs");
    exports.handler = (event, context, callback) => {
      ${flag}
      setTimeout(() => { track("timer"); }, 10);
      callback(null, "sent");
    };`;

  it("waits for the event loop to drain after callback(null, result)", async () => {
    const out = await run(callbackWithTimer(""), "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "ok", result: "sent", effectsAtSettle: ["track:timer"], lateEffects: [], ...clean });
  });

  it("ends right at the callback when callbackWaitsForEmptyEventLoop = false", async () => {
    const code = callbackWithTimer("context.callbackWaitsForEmptyEventLoop = false;");
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "ok", result: "sent", effectsAtSettle: [], lateEffects: ["track:timer"], ...clean });
  });

  it("times out when the loop never drains after the callback", async () => {
    const code = `exports.handler = (e, c, cb) => { setInterval(() => {}, 5); cb(null, 1); };`;
    const out = await run(code, "legacy", { fileName: "handler.js", timeoutMs: 40 });
    expect(out.status).toBe("timeout");
  });

  it("supports context.succeed, ending without waiting for pending work", async () => {
    const code = `const { track } = require("./stubs");
      exports.handler = function (event, context) { track("bg"); context.succeed({ ok: true }); };`;
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "ok", result: { ok: true }, effectsAtSettle: [], lateEffects: ["track:bg"], ...clean });
  });

  it("lets an earlier callback win over the returned promise", async () => {
    const code = `export const handler = async (e, c, cb) => { cb(null, "cb"); return "promise"; };`;
    const out = await run(code, "legacy");
    expect(out.result).toBe("cb");
  });

  it("ends an async handler at promise settlement, not at loop drain", async () => {
    // The unawaited work takes 200 ms against db.put's 5 (a loaded machine, its timers late, cannot reorder them),
    // and the grace period after the settle outlasts it.
    const code = `import { db, sleep } from "./stubs";
      export const handler = async () => { sleep(200); return (await db.put({ id: "a" })).id; };`;
    const out = await run(code, "legacy", { graceMs: 600 });
    expect(out).toEqual({ status: "ok", result: "a", effectsAtSettle: ["db.put:a"], lateEffects: ["sleep:200"], ...clean });
  });

  it("waits for node-style stub callbacks before ending a sync handler", async () => {
    const code = `const { legacyDb } = require("./stubs");
      exports.handler = (event, context, callback) => {
        legacyDb.put({ id: "x" }, (err, item) => callback(err, item.id));
      };`;
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "ok", result: "x", effectsAtSettle: ["legacyDb.put:x"], lateEffects: [], ...clean });
  });

  it("ends a sync handler that never calls back with null once the loop drains", async () => {
    const code = `const { track } = require("./stubs"); exports.handler = () => { track("a"); return "ignored"; };`;
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "ok", result: null, effectsAtSettle: ["track:a"], lateEffects: [], ...clean });
  });
});

describe("errors", () => {
  it.each([
    ["node24", `export const handler = async () => { throw new Error("boom"); };`, "Error", "boom"],
    ["node24", `class ValidationError extends Error { name = "ValidationError" }
      export const handler = () => Promise.reject(new ValidationError("bad input"));`, "ValidationError", "bad input"],
    ["legacy", `export const handler = (e: unknown) => { throw new RangeError("sync"); };`, "RangeError", "sync"],
    ["legacy", `export const handler = (e: unknown, c: unknown, cb: (err: Error) => void) => cb(new Error("via cb"));`,
      "Error", "via cb"],
    ["legacy", `export const handler = (e: unknown, c: { fail(m: string): void }) => c.fail("nope");`, "string", "nope"],
    ["node24", `throw new Error("init failed"); export const handler = async () => 1;`, "Error", "init failed"],
    ["node24", `export const other = async () => 1;`, "Runtime.HandlerNotFound",
      `handler.ts does not export a function "handler"`],
  ] as const)("%s reports %s", async (runtime, code, name, message) => {
    const out = await run(code, runtime);
    expect(out.status).toBe("error");
    expect(out.error).toEqual({ name, message });
  });

  it("rejects with a clear message for unknown modules", async () => {
    const out = run(`import x from "aws-sdk"; export const handler = async () => x;`, "node24");
    await expect(out).rejects.toThrow(/unknown module "aws-sdk"/);
  });
});

describe("module shapes", () => {
  it("runs ESM `export const handler`", async () => {
    const code = `import { sendEmail } from "./stubs";
      export const handler = async (event: { to: string }) => (await sendEmail(event.to)).sent;`;
    const out = await run(code, "node24", { event: { to: "a@b.c" } });
    expect([out.status, out.result, out.effectsAtSettle]).toEqual(["ok", true, ["email:a@b.c"]]);
  });

  it("runs `export default` with exportName default", async () => {
    const code = `export default async function (event: { n: number }) { return event.n * 2; }`;
    const out = await run(code, "node24", { exportName: "default", event: { n: 21 } });
    expect([out.status, out.result]).toEqual(["ok", 42]);
  });
});

describe("stubs", () => {
  it("keeps db state across calls and records each completed operation in order", async () => {
    const code = `import { db, sleep } from "./stubs";
      export const handler = async () => {
        await db.put({ id: "k", v: 1 }); const got = await db.get("k"); await db.del("k"); await sleep(3);
        return [got.v, await db.get("k")];
      };`;
    const out = await run(code, "node24");
    expect(out.result).toEqual([1, undefined]);
    expect(out.effectsAtSettle).toEqual(["db.put:k", "db.get:k", "db.del:k", "sleep:3", "db.get:k"]);
  });
});

describe("unhandled rejections", () => {
  it("captures a floating in-code rejection; the process exits at it, so the floating stub never fails; restores listeners", async () => {
    const code = `import { failing } from "./stubs";
      export const handler = async () => { failing("stub down"); Promise.reject(new Error("local")); return "ok"; };`;
    const out = await run(code, "node24");
    expect(out).toEqual({ status: "ok", result: "ok", effectsAtSettle: [], lateEffects: [], unhandledRejections: ["local"] });
    expect(process.rawListeners("unhandledRejection")).toEqual(runnerListeners);
  });

  it("reports nothing when the rejection is handled", async () => {
    const code = `import { failing } from "./stubs";
      export const handler = async () => { try { await failing("x"); } catch (e) { return (e as Error).message; } };`;
    const out = await run(code, "node24");
    expect(out).toEqual({ status: "ok", result: "x", effectsAtSettle: ["failing:x"], lateEffects: [], ...clean });
  });
});

/**
 * The RIC's process.on("uncaughtException" | "unhandledRejection") listeners, the same in both runtimes:
 * postInvocationError for the running invocation (the error itself, or Runtime.UnhandledPromiseRejection
 * whose message is String(reason)), then process.exit: nothing after the crash lands.
 */
describe("uncaught errors (the RIC's process listeners)", () => {
  const runtimes = ["legacy", "node24"] as const;

  it.each(runtimes)("%s: a throw in a timer before the answer fails the invocation with that error", async (runtime) => {
    const code = `import { track } from "./stubs";
      export const handler = () => new Promise((resolve) => {
        setTimeout(() => { throw new TypeError("bad state"); }, 1);
        setTimeout(() => { track("after"); resolve("late"); }, 20);
      });`;
    const out = await run(code, runtime);
    expect(out).toEqual({
      status: "error", error: { name: "TypeError", message: "bad state" }, effectsAtSettle: [], lateEffects: [], ...clean,
    });
  });

  it.each(runtimes)("%s: an unhandled rejection before the answer fails it as Runtime.UnhandledPromiseRejection", async (runtime) => {
    const code = `import { failing } from "./stubs";
      export const handler = () => new Promise(() => { failing("db down"); });`;
    const out = await run(code, runtime, { timeoutMs: 500 });
    expect(out).toEqual({
      status: "error", error: { name: "Runtime.UnhandledPromiseRejection", message: "Error: db down" },
      effectsAtSettle: ["failing:db down"], lateEffects: [], unhandledRejections: ["db down"],
    });
  });

  it("legacy: a ReferenceError thrown in a node-style callback fails the invocation instead of answering null", async () => {
    const code = `const { legacyDb } = require("./stubs");
      exports.handler = function (event, context) { legacyDb.put({ id: "x" }, function (err) { callback(null, "saved"); }); };`;
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({
      status: "error", error: { name: "Runtime.UnhandledPromiseRejection", message: "ReferenceError: callback is not defined" },
      effectsAtSettle: ["legacyDb.put:x"], lateEffects: [], unhandledRejections: ["callback is not defined"],
    });
  });

  it("legacy: callback(null, x) still waiting for the loop loses to a later uncaught error", async () => {
    const code = `exports.handler = (event, context, callback) => {
        setTimeout(() => { throw new RangeError("after the callback"); }, 5);
        callback(null, "sent");
      };`;
    const out = await run(code, "legacy", { fileName: "handler.js" });
    expect(out).toEqual({ status: "error", error: { name: "RangeError", message: "after the callback" }, effectsAtSettle: [], lateEffects: [], ...clean });
  });

  it.each(runtimes)("%s: a crash after the answer keeps the answer, and the process is gone for the later work", async (runtime) => {
    const code = `import { track } from "./stubs";
      export const handler = async () => {
        setTimeout(() => { throw new Error("late"); }, 1);
        setTimeout(() => { track("after the crash"); }, 10);
        return "ok";
      };`;
    const out = await run(code, runtime);
    expect(out).toEqual({ status: "ok", result: "ok", effectsAtSettle: [], lateEffects: [], ...clean });
  });

  it("node24: a floating rejection after the answer is recorded, the answer stands, later effects are cut", async () => {
    const code = `import { failing, track } from "./stubs";
      export const handler = async () => { failing("crm"); setTimeout(() => track("later"), 30); return 1; };`;
    const out = await run(code, "node24");
    expect(out).toEqual({ status: "ok", result: 1, effectsAtSettle: [], lateEffects: ["failing:crm"], unhandledRejections: ["crm"] });
    expect(process.rawListeners("unhandledRejection")).toEqual(runnerListeners);
  });
});

describe("callFromIo: a stub's callback called as I/O calls it", () => {
  // A node-style stub whose callback runs in a macrotask of its own, through callFromIo.
  const ioStub = (log: ReturnType<typeof createEffectLog>) => ({
    get: (id: string, cb: (err: unknown, value?: unknown) => void) =>
      void trackPending(log, new Promise<void>((done) => setTimeout(() => { log.record(`io.get:${id}`); callFromIo(log, () => cb(null, { id })); done(); }, 5))),
  });
  const runIo = (code: string, runtime: InvokeOptions["runtime"]) => {
    const log = createEffectLog();
    return invoke({ code, runtime, fileName: "handler.js", modules: { "./io": Object.assign(ioStub(log), { log }), log } });
  };

  it("a throw after resolve() fails the invocation with the throw: the uncaughtException comes before the promise's answer", async () => {
    const code = `const io = require("./io");
      exports.handler = async () => new Promise((resolve) => io.get("a", (err, item) => { resolve(item); throw new Error("after"); }));`;
    const out = await runIo(code, "node24");
    expect(out).toMatchObject({ status: "error", error: { name: "Error", message: "after" }, effectsAtSettle: ["io.get:a"] });
  });

  it("after context.succeed the answer was sent: the throw only ends the process", async () => {
    const code = `const io = require("./io");
      exports.handler = function (event, context) { io.get("a", (err, item) => { context.succeed(item); throw new Error("after"); }); };`;
    const out = await runIo(code, "legacy");
    expect(out).toMatchObject({ status: "ok", result: { id: "a" }, effectsAtSettle: ["io.get:a"] });
  });
});
