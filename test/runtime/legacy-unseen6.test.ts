/**
 * unseen6 (issue 11), fixture callback-handlers/handed-uncalled: the function that answers (`context.done(err, body)`)
 * is handed to a project function (api.route, a re-export `module.exports.route = require('./router').route`) that
 * hands it on to a resource whose "PATCH" path never calls it. The old runtime then answered null once the event
 * loop was empty; the rewrite settle made before (resolve/reject in a promise) never settles on that path, so the
 * invocation times out. settle now leaves that handler as it is, with a finding. The sibling whose project function
 * calls back on every path converts: the output under Node.js 24 rules equals the original under the old runtime.
 * Modules loaded as they are, the answer read whole.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

const DIR = path.join(FIXTURES, "callback-handlers", "handed-uncalled");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");

/** What settle wrote for orders.js before this rule (main at af41bce): context.done became resolve/reject. */
const OLD_REWRITE = `var api = require('./lib');

// api.route hands the function on to a resource module whose "PATCH" path never calls it.
exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    api.route(event, function(err, body) {
      return err != null ? reject(err) : resolve(body);
    });
  });
};
`;

/** store.get resolves after 5ms (id "broken" rejects); the lib modules as settle leaves them. */
function modulesFor(log: EffectLog): Record<string, unknown> {
  const store = {
    get: (id: string) => delayedEffect(log, 5, `store.get:${id}`, () => {
      if (id === "broken") throw new Error("store down");
      return { id };
    }),
  };
  const resources = loadCommonJs(read("lib/resources.input.js"), { "./store": store });
  const router = loadCommonJs(read("lib/router.input.js"), { "./resources": resources });
  return { log, "./lib": loadCommonJs(read("lib/index.input.js"), { "./router": router }) };
}

async function runOnce(code: string, file: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: file, event, runtime, modules: modulesFor(log), serializeResult: true, timeoutMs: 300 });
}

describe("unseen6: the answering function handed to a project function with a path that never calls it", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("the settle output is the input: the old runtime answers null on the uncalled path once the loop is empty", async () => {
    expect(read("findings.txt")).toContain("orders.js:5:20  [blocking] route() (router.js:3)");
    expect(await runOnce(read("orders.input.js"), "orders.js", { kind: "orders", method: "PATCH", id: "a" }, "legacy")).toEqual({
      status: "ok",
      result: null,
      effectsAtSettle: [],
      lateEffects: [],
      unhandledRejections: [],
    });
    expect(await runOnce(read("orders.input.js"), "orders.js", { kind: "orders", method: "GET", id: "a" }, "legacy")).toEqual({
      status: "ok",
      result: { id: "a" },
      effectsAtSettle: ["store.get:a"],
      lateEffects: [],
      unhandledRejections: [],
    });
  });

  it("the rewrite settle made before never settles on that path under Node.js 24 (the invocation times out)", async () => {
    const outcome = await runOnce(OLD_REWRITE, "orders.js", { kind: "orders", method: "PATCH", id: "a" }, "node24");
    expect(outcome).toEqual({
      status: "timeout",
      error: { name: "Sandbox.Timedout", message: "Task timed out after 300 ms" },
      effectsAtSettle: [],
      lateEffects: [],
      unhandledRejections: [],
    });
    // On the paths that call back, that rewrite answered as the original did: only the uncalled path differs.
    expect(await runOnce(OLD_REWRITE, "orders.js", { kind: "orders", method: "GET", id: "a" }, "node24")).toEqual(
      await runOnce(read("orders.input.js"), "orders.js", { kind: "orders", method: "GET", id: "a" }, "legacy"),
    );
  });

  it("a project function that calls back on every path: the converted handler under Node.js 24 equals the original", async () => {
    expect(read("lookup.output.js")).not.toBe(read("lookup.input.js"));
    // Unconverted under Node.js 24: the handler returns undefined at once, and context.succeed is gone.
    expect(await runOnce(read("lookup.input.js"), "lookup.js", { id: "b" }, "node24")).not.toEqual(await runOnce(read("lookup.input.js"), "lookup.js", { id: "b" }, "legacy"));
    for (const event of [{ id: "b" }, {}, { id: "broken" }]) {
      const legacy = await runOnce(read("lookup.input.js"), "lookup.js", event, "legacy");
      expect(await runOnce(read("lookup.output.js"), "lookup.js", event, "node24")).toEqual(legacy);
    }
    expect(await runOnce(read("lookup.output.js"), "lookup.js", {}, "node24")).toEqual({
      status: "error",
      error: { name: "string", message: "id required" },
      effectsAtSettle: [],
      lateEffects: [],
      unhandledRejections: [],
    });
    expect(await runOnce(read("lookup.output.js"), "lookup.js", { id: "broken" }, "node24")).toMatchObject({
      status: "error",
      error: { name: "Error", message: "store down" },
      effectsAtSettle: ["store.get:broken"],
    });
  });

  it("a function of the same file that only logs on one path: the old runtime answers null there, the naive rewrite times out", async () => {
    const naive = read("inline.input.js")
      .replace("exports.handler = function(event, context) {\n  visit(", "exports.handler = async function(event, context) {\n  return new Promise((resolve, reject) => visit(")
      .replace("    context.done(err, result);\n  });\n};", "    err != null ? reject(err) : resolve(result);\n  }));\n};");
    expect(naive).toContain("return new Promise((resolve, reject) => visit(");
    expect(naive).toContain("}));");
    const legacy = (event: unknown) => runOnce(read("inline.input.js"), "inline.js", event, "legacy");
    const node24 = (event: unknown) => runOnce(naive, "inline.js", event, "node24");
    const answer = (result: unknown) => ({ status: "ok", result, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] });
    expect(await legacy({ id: "c" })).toEqual(answer(null));
    expect(await legacy({ skip: true })).toEqual(answer("skipped"));
    expect(await node24({ skip: true })).toEqual(answer("skipped"));
    expect((await node24({ id: "c" })).status).toBe("timeout");
  });
});
