/**
 * Unseen set 3 (issue 11, notes/review-unseen3.md): a handler that dispatches to a module's exports by a
 * computed key (`tasks[event.task](event, context, callback)`, lambci's `actions[event.action]`), fixture
 * callback-handlers/computed-dispatch. The dispatching handler is converted; the dispatched functions stay
 * callback-style (settle used to convert them too, and the converted handler's callback was then never
 * called). The original under the old runtime, the output under Node.js 24 rules, the dispatched modules
 * loaded as they are: equal answers, errors and effects, the answer read whole.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callFromIo, createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
type NodeCallback = (err: unknown, value?: unknown) => void;

const DIR = path.join(FIXTURES, "callback-handlers", "computed-dispatch");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");


/** store.get calls back from I/O after 5ms; "broken" fails. tasks.js and jobs.js as settle leaves them (no output file). */
function modulesFor(log: EffectLog, tasks = read("tasks.input.js")): Record<string, unknown> {
  const store = {
    get: (id: string, cb: NodeCallback) =>
      void delayedEffect(log, 5, `store.get:${id}`, () => id).then(
        (v) => callFromIo(log, () => (v === "broken" ? cb(new Error("store down")) : cb(null, { id: v }))),
        (e) => callFromIo(log, () => cb(e)),
      ),
  };
  return { log, "./tasks": loadCommonJs(tasks, { "./store": store }), "./jobs": loadCommonJs(read("jobs.input.js"), {}) };
}

const ok = (result: unknown): Outcome => ({ status: "ok", result });
const error = (name: string, message: string): Outcome => ({ status: "error", error: { name, message } });

const SCENARIOS: { event: unknown; outcome: Outcome; effects: string[] }[] = [
  { event: { task: "ping" }, outcome: ok("pong"), effects: [] },
  { event: { task: "lookup", id: "a" }, outcome: ok({ id: "a" }), effects: ["store.get:a"] },
  { event: { task: "lookup", id: "broken" }, outcome: error("Error", "store down"), effects: ["store.get:broken"] },
  { event: { job: "purge" }, outcome: error("Error", "purge refused"), effects: [] },
  { event: { task: "nothing" }, outcome: error("Error", "unknown task"), effects: [] },
];

async function runOnce(code: string, event: unknown, runtime: "legacy" | "node24", tasks?: string): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "index.js", event, runtime, modules: modulesFor(log, tasks), serializeResult: true, timeoutMs: 500 });
}

describe("unseen3: dispatch by a computed key to a module's callback-style exports, old runtime vs Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  SCENARIOS.forEach((s, i) => {
    it(`#${i + 1} ${JSON.stringify(s.event)}`, async () => {
      const expected = { ...s.outcome, effectsAtSettle: s.effects, lateEffects: [], unhandledRejections: [] };
      expect(await runOnce(read("index.input.js"), s.event, "legacy")).toEqual(expected);
      expect((await runOnce(read("index.input.js"), s.event, "node24")).status).toBe("refused");
      expect(await runOnce(read("index.output.js"), s.event, "node24")).toEqual(expected);
    });
  });

  it("converting a dispatched export as well (what settle did before) leaves the converted handler unanswered", async () => {
    const converted = read("tasks.input.js").replace(
      "exports.ping = function(event, context, callback) {\n  callback(null, 'pong');\n};",
      "exports.ping = async function(event, context) {\n  return 'pong';\n};",
    );
    expect(converted).not.toBe(read("tasks.input.js"));
    expect(await runOnce(read("index.output.js"), { task: "ping" }, "node24", converted)).toMatchObject({ status: "timeout" });
  });
});
