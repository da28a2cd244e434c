/**
 * lambci (issue 11), fixture callback-handlers/emit-wait: the handler hands its callback, through a dispatch by
 * a computed key (`jobs[event.job](event, context, callback)`), to runJob, which emits "start" to a listener
 * that posts a message (node-style, `chat.post(text, log.logIfErr)`) it does not wait for, then calls back.
 * The old runtime answered only once the event loop was empty, so after the post; the rewrite settle made
 * before (a promise resolved by the callback) answers at the callback, and Node.js 24 freezes the post. settle
 * now leaves that handler as it is, with a finding. The other handler's listener starts no work: converted, the
 * output under Node.js 24 rules equal to the original under the old runtime. Modules loaded as they are, the
 * answer read whole.
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callFromIo, createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

type NodeCallback = (err: unknown, value?: unknown) => void;

const DIR = path.join(FIXTURES, "callback-handlers", "emit-wait");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");

/** What settle wrote for index.js before this rule (main at 5b79b77): the callback handed on became resolve/reject. */
const OLD_REWRITE = `var jobs = require('./jobs');

// Dispatched by a computed key: jobs.run emits "start" to listeners that post a message it does not wait for.
exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    if (typeof jobs[event.job] === 'function') {
      return jobs[event.job](event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    }
    reject(new Error('unknown job'));
  });
};
`;

/** store.load calls back from I/O after 5ms ("broken" fails); chat.post after 20ms. The job modules as settle leaves them. */
function modulesFor(log: EffectLog): Record<string, unknown> {
  const store = {
    load: (id: string, cb: NodeCallback) =>
      void delayedEffect(log, 5, `store.load:${id}`, () => id).then((v) => callFromIo(log, () => (v === "broken" ? cb(new Error("store down")) : cb(null, { id: v })))),
  };
  const chat = { post: (text: string, cb: NodeCallback) => void delayedEffect(log, 20, `chat.post:${text}`, () => undefined).then(() => callFromIo(log, () => cb(null))) };
  const notify = loadCommonJs(read("notify.input.js"), { "./chat": chat, "./log": loadCommonJs(read("log.input.js"), {}) });
  const run = loadCommonJs(read("run.input.js"), { events: EventEmitter, "./store": store, "./notify": notify });
  const quietJob = loadCommonJs(read("quiet-job.input.js"), { events: EventEmitter, "./notify": notify });
  return { log, "./jobs": loadCommonJs(read("jobs.input.js"), { "./run": run }), "./quiet-job": quietJob };
}

async function runOnce(code: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "index.js", event, runtime, modules: modulesFor(log), serializeResult: true, timeoutMs: 500 });
}

describe("lambci: a callback handed to a function whose event listeners start work it does not wait for", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("the settle output is the input: the old runtime answers after the listener's post; Node.js 24 refuses the handler", async () => {
    expect(read("index.input.js")).not.toContain("async");
    expect(await runOnce(read("index.input.js"), { job: "run", id: "a" }, "legacy")).toEqual({
      status: "ok",
      result: "a",
      effectsAtSettle: ["store.load:a", "chat.post:started a"],
      lateEffects: [],
      unhandledRejections: [],
    });
    expect((await runOnce(read("index.input.js"), { job: "run", id: "a" }, "node24")).status).toBe("refused");
  });

  it("the rewrite settle made before answers at the callback under Node.js 24: the post escapes the invocation", async () => {
    expect(await runOnce(OLD_REWRITE, { job: "run", id: "a" }, "node24")).toEqual({
      status: "ok",
      result: "a",
      effectsAtSettle: ["store.load:a"],
      lateEffects: ["chat.post:started a"],
      unhandledRejections: [],
    });
  });

  it("an error before the emit: both answer it, nothing posted", async () => {
    const expected = { status: "error", error: { name: "Error", message: "store down" }, effectsAtSettle: ["store.load:broken"], lateEffects: [], unhandledRejections: [] };
    expect(await runOnce(read("index.input.js"), { job: "run", id: "broken" }, "legacy")).toEqual(expected);
    expect(await runOnce(OLD_REWRITE, { job: "run", id: "broken" }, "node24")).toEqual(expected);
  });

  it("a listener that starts no work: the converted handler under Node.js 24 equals the original under the old runtime", async () => {
    const expected = { status: "ok", result: "q", effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
    expect(read("quiet.output.js")).not.toBe(read("quiet.input.js"));
    expect(await runOnce(read("quiet.input.js"), { id: "q" }, "legacy")).toEqual(expected);
    expect((await runOnce(read("quiet.input.js"), { id: "q" }, "node24")).status).toBe("refused");
    expect(await runOnce(read("quiet.output.js"), { id: "q" }, "node24")).toEqual(expected);
  });
});

/**
 * Fixture callback-handlers/whole-export-helper (lambci's actions/build.js and rebuild.js): functions exported as
 * their module (`module.exports = runBuild`) that only the handler calls, through `exports.build = require("./build")`
 * and a dispatch by a computed key, or through rebuild, stay as they are (a note); the converted handler hands
 * them its adapter callback. The original under the old runtime and the output under Node.js 24 rules, the
 * helpers loaded as they are: equal answers, errors and effects.
 */
const HELPERS = path.join(FIXTURES, "callback-handlers", "whole-export-helper");
const readHelper = (name: string) => readFileSync(path.join(HELPERS, name), "utf8");

/** db.save / db.load call back from I/O after 5ms; id "broken" fails. */
function helperModules(log: EffectLog): Record<string, unknown> {
  const io = (effect: string, fail: boolean, cb: NodeCallback, value: unknown) =>
    void delayedEffect(log, 5, effect, () => undefined).then(() => callFromIo(log, () => (fail ? cb(new Error("db down")) : cb(null, value))));
  const db = {
    save: (item: { id: string }, cb: NodeCallback) => io(`db.save:${item.id}`, item.id === "broken", cb, undefined),
    load: (id: string, cb: NodeCallback) => io(`db.load:${id}`, id === "broken", cb, { id }),
  };
  const build = loadCommonJs(readHelper("build.input.js"), { "./db": db });
  const rebuild = loadCommonJs(readHelper("rebuild.input.js"), { "./db": db, "./build": build });
  return { log, "./actions": loadCommonJs(readHelper("actions.input.js"), { "./build": build, "./rebuild": rebuild }), "./report": loadCommonJs(readHelper("report.input.js"), { "./db": db }) };
}

describe("lambci: helpers exported as their module, called by a converted handler through a computed dispatch", () => {
  const once = (code: string, event: unknown, runtime: "legacy" | "node24") => {
    const log = createEffectLog();
    return invoke({ code, fileName: "index.js", event, runtime, modules: helperModules(log), serializeResult: true, timeoutMs: 500 });
  };
  const done = (outcome: Pick<InvocationOutcome, "status" | "result" | "error">, effects: string[]) => ({ ...outcome, effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });
  const CASES: { event: unknown; expected: ReturnType<typeof done> }[] = [
    { event: { action: "build", id: "b1" }, expected: done({ status: "ok", result: "b1" }, ["db.save:b1"]) },
    { event: { action: "rebuild", id: "b2" }, expected: done({ status: "ok", result: "b2" }, ["db.load:b2", "db.save:b2"]) },
    { event: { action: "rebuild", id: "broken" }, expected: done({ status: "error", error: { name: "Error", message: "db down" } }, ["db.load:broken"]) },
    { event: { report: true, id: "r" }, expected: done({ status: "ok", result: { id: "r" } }, ["db.load:r"]) },
    { event: { action: "nope" }, expected: done({ status: "error", error: { name: "Error", message: "unknown action" } }, []) },
  ];
  CASES.forEach(({ event, expected }, i) => {
    it(`#${i + 1} ${JSON.stringify(event)}`, async () => {
      expect(await once(readHelper("index.input.js"), event, "legacy")).toEqual(expected);
      expect((await once(readHelper("index.input.js"), event, "node24")).status).toBe("refused");
      expect(await once(readHelper("index.output.js"), event, "node24")).toEqual(expected);
    });
  });
});
