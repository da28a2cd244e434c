/**
 * Behavioural tests for Azure Functions (issue 15): each fixture's original and its rewritten output
 * (the fixture's .output file, which the fixture suites prove settle produces) run in the freeze
 * harness under a model of the Azure host, with the same inputs. The answer (result, context.res,
 * context.bindings) or error must be the same; work that escaped the original invocation must land
 * inside the rewritten one.
 *
 * The host models (what ends an invocation):
 * - v3 (Azure/azure-functions-nodejs-worker, src/V3InvocationModel.ts, invokeFunction): the first of
 *   context.done(err, result) (err neither null nor undefined: an error) and, when the function returns
 *   a promise, that promise's settling. An async v3 function (what settle writes) never calls done.
 *   The result, context.res and context.bindings are read when the invocation ends.
 * - v4 (Azure/azure-functions-nodejs-library, src/InvocationModel.ts, invokeFunction): the handler's
 *   `await Promise.resolve(handler(trigger, context))`, nothing else.
 * The harness's node24 runtime ends an invocation when the promise the module's `handler` returns
 * settles: the host model is that handler, appended to the function's module.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { delayedEffect, createEffectLog, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

/** Calls the v3 function as the v3 worker does; `entry`: the export function.json names (else the module's function). */
const v3Host = (entry: string | undefined) => `
;(() => {
  const exported = module.exports;
  const fn = ${entry ? `exported[${JSON.stringify(entry)}]` : `typeof exported === "function" ? exported : exported.default`};
  module.exports = {
    handler: (event) => {
      const context = { invocationId: "inv-1", bindings: {}, res: undefined, log: () => undefined };
      const done = new Promise((resolve, reject) => {
        context.done = (err, result) => (err !== null && err !== undefined ? reject(err) : resolve(result));
      });
      const raw = fn(context, event.input);
      // The worker's own hop (\`.then\` marking the invocation done) lets an earlier context.done win the race.
      const task = raw && typeof raw.then === "function" ? Promise.race([Promise.resolve(raw).then((r) => r), done]) : done;
      return task.then((result) => ({ result, res: context.res, bindings: context.bindings }));
    },
  };
})();
`;

/** Calls the handler the module registered under `name` as the v4 library does. */
const v4Host = (name: string) => `
;(() => {
  const registered = require("@azure/functions").registered;
  module.exports = {
    handler: (event) => {
      const context = { invocationId: "inv-1", log: () => undefined, error: () => undefined };
      return Promise.resolve(registered.get(${JSON.stringify(name)})(event.input, context));
    },
  };
})();
`;

/** Stand-ins for the modules the fixtures import; each records its effect when its work completes (track is slow: it escapes). */
function fakes(log: EffectLog): Record<string, unknown> {
  const later = <T>(ms: number, effect: string, value: () => T): Promise<T> => delayedEffect(log, ms, effect, value);
  const track = (kind: string, detail?: unknown) => later(20, `track:${kind}:${String(detail)}`, () => undefined);
  const load = (id: string, cb: (err: unknown, doc?: unknown) => void) =>
    void later(5, `load:${id}`, () => (id === "broken" ? Promise.reject(new Error("store down")) : { id })).then((doc) => cb(null, doc), cb);
  const store = {
    save: (name: string) => later(5, `save:${name}`, () => `id-${name}`),
    track,
    cleanup: () => later(5, "cleanup", () => 3),
    load,
    audit: (name: string, data: unknown) => later(20, `audit:${name}:${String(data)}`, () => ({ name, data })),
  };
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const register = (name: string, options: unknown) =>
    void registered.set(name, (typeof options === "function" ? options : (options as { handler: unknown }).handler) as (...args: unknown[]) => unknown);
  return {
    log,
    "../lib/store": store,
    "../lib/store.mjs": store,
    "../lib/orders": {
      lookup: (id: string) => later(5, `lookup:${id}`, () => (id === "broken" ? Promise.reject(new Error("orders down")) : { id, total: 42 })),
      audit: (what: string) => later(20, `audit:${what}`, () => undefined),
    },
    "../../lib/stubs.js": {
      track: (name: string, id?: string) => (name === "app-loaded" ? Promise.resolve() : track(name, id)),
      save: (item: { id: string }) => later(5, `save:${item.id}`, () => item),
      notify: (to: string) => later(20, `notify:${to}`, () => undefined),
    },
    "@azure/functions": { registered, app: { http: register, get: register, storageQueue: register } },
  };
}

type Answer = Pick<InvocationOutcome, "status" | "result" | "error">;

interface Scenario {
  input: unknown;
  answer: Answer;
  /** Effects inside the original invocation, and those that escaped it (after it ended). */
  before: { effects: string[]; late: string[] };
  /** Effects inside the rewritten invocation (nothing escapes it). */
  after: string[];
}

interface Case {
  file: string;
  host: string;
  scenarios: Scenario[];
}

const ok = (result: unknown): Answer => ({ status: "ok", result });
const failed = (message: string): Answer => ({ status: "error", error: { name: "Error", message } });
const v3 = (result: unknown, res?: unknown, bindings: object = {}) => ok({ result, res, bindings });

const CASES: Case[] = [
  {
    file: "callback-handlers/azure-v3-done/HttpGreet/index.js",
    host: v3Host(undefined),
    scenarios: [
      { input: { query: {} }, answer: v3(undefined, { status: 400, body: "name required" }), before: { effects: [], late: [] }, after: [] },
      {
        input: { query: { name: "ada" } }, answer: v3(undefined, { body: { id: "id-ada", greeting: "Hello, ada" } }),
        before: { effects: ["save:ada"], late: ["track:greet:ada"] }, after: ["track:greet:ada", "save:ada"],
      },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done/QueueReceipt/index.js",
    host: v3Host(undefined),
    scenarios: [{ input: { id: "j1" }, answer: v3({ receipt: "j1" }, undefined, { outQueue: { id: "j1", done: true } }), before: { effects: [], late: [] }, after: [] }],
  },
  {
    file: "callback-handlers/azure-v3-done/TimerCleanup/index.js",
    host: v3Host(undefined),
    scenarios: [
      { input: { isPastDue: true }, answer: failed("late"), before: { effects: [], late: [] }, after: [] },
      { input: { isPastDue: false }, answer: v3(3), before: { effects: ["cleanup"], late: ["track:cleanup:3"] }, after: ["cleanup", "track:cleanup:3"] },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done/ReportEsm/index.mjs",
    host: v3Host(undefined),
    scenarios: [
      { input: { params: { id: "r1" } }, answer: v3({ res: { body: { id: "r1" } } }), before: { effects: ["load:r1"], late: [] }, after: ["load:r1"] },
      { input: { params: { id: "broken" } }, answer: failed("store down"), before: { effects: ["load:broken"], late: [] }, after: ["load:broken"] },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done/AfterDone/index.js",
    host: v3Host(undefined),
    scenarios: [
      { input: { query: { id: "7" } }, answer: v3(undefined, { body: { ok: true } }), before: { effects: [], late: ["track:answered:7"] }, after: ["track:answered:7"] },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done-typed/HttpTyped/index.ts",
    host: v3Host("default"),
    scenarios: [
      {
        input: { params: { id: "o1" } }, answer: v3(undefined, { body: { id: "o1", total: 42 } }),
        before: { effects: ["lookup:o1"], late: ["audit:lookup o1"] }, after: ["audit:lookup o1", "lookup:o1"],
      },
      { input: { params: { id: "broken" } }, answer: failed("orders down"), before: { effects: ["lookup:broken"], late: ["audit:lookup broken"] }, after: ["audit:lookup broken", "lookup:broken"] },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done-typed/QueueTyped/index.ts",
    host: v3Host("run"),
    scenarios: [
      { input: {}, answer: failed("job without id"), before: { effects: [], late: [] }, after: [] },
      { input: { id: "j2" }, answer: v3({ receipt: "j2" }, undefined, { out: { id: "j2" } }), before: { effects: [], late: ["audit:job j2"] }, after: ["audit:job j2"] },
    ],
  },
  {
    file: "callback-handlers/azure-serverless-provider/src/handlers/hello.js",
    host: v3Host("sayHello"),
    scenarios: [
      { input: { query: { name: "ada" } }, answer: v3({ body: "Hello ada" }), before: { effects: [], late: [] }, after: [] },
      { input: { query: {} }, answer: v3({ status: 400, body: "Please pass a name on the query string or in the request body" }), before: { effects: [], late: [] }, after: [] },
    ],
  },
  {
    file: "callback-handlers/azure-v3-done-typed/BlobTyped/index.ts",
    host: v3Host("default"),
    scenarios: [{ input: { length: 3 }, answer: v3(undefined), before: { effects: [], late: [] }, after: [] }],
  },
  {
    // An async v3 function: the invocation ends when its promise settles (context.done is never called).
    file: "floating-promises/azure-v3/HttpTrigger/index.js",
    host: v3Host(undefined),
    scenarios: [
      { input: { query: { name: "bo" } }, answer: v3(undefined, { body: "Hello, bo" }), before: { effects: [], late: ["audit:hello:bo"] }, after: ["audit:hello:bo"] },
    ],
  },
  {
    file: "floating-promises/azure-v4/src/functions/orders.ts",
    host: v4Host("createOrder"),
    scenarios: [
      {
        input: { json: async () => ({ id: "o9" }) }, answer: ok({ jsonBody: { ok: true } }),
        before: { effects: ["save:o9"], late: ["track:order-created:o9"] }, after: ["save:o9", "track:order-created:o9"],
      },
    ],
  },
  {
    file: "floating-promises/azure-v4/src/functions/orders.ts",
    host: v4Host("orderQueued"),
    scenarios: [{ input: "ada@example.com", answer: ok(undefined), before: { effects: [], late: ["notify:ada@example.com"] }, after: ["notify:ada@example.com"] }],
  },
];

function fixture(file: string): { input: string; output: string } {
  const ext = path.extname(file);
  const base = file.slice(0, -ext.length);
  const read = (kind: string) => readFileSync(path.join(FIXTURES, `${base}.${kind}${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

async function run(code: string, file: string, host: string, input: unknown): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // The harness loads CommonJS: an .mjs file is compiled as the .js it is to TypeScript.
  return invoke({ code: `${code}\n${host}`, fileName: path.basename(file).replace(/\.mjs$/, ".js"), event: { input }, runtime: "node24", modules: fakes(log) });
}

const answerOf = (o: InvocationOutcome): Answer => ({ status: o.status, result: o.result, error: o.error });

describe("Azure Functions: escaped work now completes inside the invocation, with the same answer", () => {
  for (const c of CASES) {
    const { input, output } = fixture(c.file);
    for (const s of c.scenarios) {
      it(`${c.file} ${JSON.stringify(s.input) ?? "request"}`, async () => {
        const before = await run(input, c.file, c.host, s.input);
        expect(answerOf(before)).toEqual(s.answer);
        expect({ effects: before.effectsAtSettle, late: before.lateEffects }).toEqual(s.before);
        const after = await run(output, c.file, c.host, s.input);
        expect(answerOf(after)).toEqual(s.answer);
        expect({ effects: after.effectsAtSettle, late: after.lateEffects }).toEqual({ effects: s.after, late: [] });
        expect(after.unhandledRejections).toEqual([]);
      });
    }
  }
});
