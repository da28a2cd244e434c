/**
 * Unseen set 5 (issue 11, notes/review-unseen5.md).
 *
 * 1. A handler that hands its callback on inside an object,
 * `main({ event, context, callback })` (aws-lambda-ffmpeg's shape), fixture
 * callback-handlers/callback-in-shorthand-object. The shorthand property reads the parameter, but its
 * identifier's own symbol is the property's, so settle took the callback for unused: it dropped the parameter
 * and left `callback` in the object, which then threw a ReferenceError. Now the use is seen and reported, and
 * the handler stays as it is (the fixture has no output file). The original under the old runtime, the former
 * rewrite under Node.js 24 rules, the answer read whole.
 *
 * 2. An early `callback(null, {})` without `return` whose path goes on to work that calls back (alexa-cookbook's
 * FactService api), fixture callback-handlers/waiting-answer-then-work: the old runtime sent {} once the work had
 * run, the promise settle wrote answered at once and let the work escape. Now reported; the handlers whose early
 * answer ends its path (`return callback(…)`) or whose work is on the other branch convert, with equal answers and
 * effects.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callFromIo, createEffectLog, delayedEffect, invoke, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const DIR = path.join(FIXTURES, "callback-handlers", "callback-in-shorthand-object");
const ORIGINAL = readFileSync(path.join(DIR, "index.input.js"), "utf8");

/** What settle wrote before the fix: the callback parameter dropped, the shorthand `callback` left in the object. */
const FORMER_REWRITE = ORIGINAL.replace("exports.handler = function (event, context, callback) {", "exports.handler = async function (event, context) {").replace(
  "  main({ event, context, callback });",
  "  await main({ event, context, callback });",
);

async function runOnce(code: string, id: string, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // store.get answers after 5ms; "broken" rejects.
  const store = { get: (key: string) => delayedEffect(log, 5, `store.get:${key}`, () => { if (key === "broken") throw new Error("store down"); return { id: key }; }) };
  return invoke({ code, fileName: "index.js", event: { id }, runtime, modules: { log, "./store": store }, serializeResult: true, timeoutMs: 500 });
}

describe("unseen5: the callback handed on in a shorthand property, old runtime vs Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("the fixture is the original shape and the former rewrite differs from it", () => {
    expect(FORMER_REWRITE).not.toBe(ORIGINAL);
    expect(FORMER_REWRITE).toContain("await main({ event, context, callback });");
  });

  it("the old runtime answers with the helper's result, and with its error", async () => {
    expect(await runOnce(ORIGINAL, "a", "legacy")).toEqual({ status: "ok", result: { id: "a" }, effectsAtSettle: ["store.get:a"], lateEffects: [], unhandledRejections: [] });
    expect(await runOnce(ORIGINAL, "broken", "legacy")).toEqual({ status: "error", error: { name: "Error", message: "store down" }, effectsAtSettle: ["store.get:broken"], lateEffects: [], unhandledRejections: [] });
  });

  it("Node.js 24 refuses the original, which settle now leaves as it is (reported)", async () => {
    expect((await runOnce(ORIGINAL, "a", "node24")).status).toBe("refused");
  });

  it("the former rewrite failed every invocation with a ReferenceError before the work started", async () => {
    expect(await runOnce(FORMER_REWRITE, "a", "node24")).toEqual({ status: "error", error: { name: "ReferenceError", message: "callback is not defined" }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] });
  });
});

const WORK = path.join(FIXTURES, "callback-handlers", "waiting-answer-then-work");
const WORK_INPUT = readFileSync(path.join(WORK, "index.input.js"), "utf8");
const WORK_OUTPUT = readFileSync(path.join(WORK, "index.output.js"), "utf8");

/** What settle wrote for fallsThrough before the check: the early answer a resolve, the store after it in the wrapper. */
const FALLS_THROUGH_FORMER = `const { db } = require("./services");
exports.fallsThrough = async function (event, context) {
  return new Promise((resolve, reject) => {
    if (!event.id) {
      resolve({});
    }
    db.put({ id: event.id || "none" }, function (err, item) {
      resolve(item);
    });
  });
};
`;

async function runWork(code: string, exportName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // db.put stores after 5ms and calls back from I/O with the item.
  const db = {
    put: (item: { id: string }, cb: (err: unknown, value?: unknown) => void) =>
      void delayedEffect(log, 5, `db.put:${item.id}`, () => item).then((v) => callFromIo(log, () => cb(null, v))),
  };
  return invoke({ code, fileName: "index.js", exportName, event, runtime, modules: { log, "./services": { db } }, serializeResult: true, timeoutMs: 500 });
}

describe("unseen5: an early waiting answer whose path goes on to work that calls back, old runtime vs Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("fallsThrough: the old runtime answered {} once the store had run; the former rewrite answered at once and let it escape", async () => {
    const legacy = await runWork(WORK_INPUT, "fallsThrough", {}, "legacy");
    expect(legacy).toEqual({ status: "ok", result: {}, effectsAtSettle: ["db.put:none"], lateEffects: [], unhandledRejections: [] });
    const former = await runWork(FALLS_THROUGH_FORMER, "fallsThrough", {}, "node24");
    expect(former).toEqual({ status: "ok", result: {}, effectsAtSettle: [], lateEffects: ["db.put:none"], unhandledRejections: [] });
  });

  it("fallsThrough and handsOn stay as they are (reported): Node.js 24 refuses them", async () => {
    expect(WORK_OUTPUT).toContain("exports.fallsThrough = function (event, context, callback) {");
    expect(WORK_OUTPUT).toContain("exports.handsOn = function (event, context, callback) {");
    expect((await runWork(WORK_OUTPUT, "fallsThrough", {}, "node24")).status).toBe("refused");
    expect((await runWork(WORK_OUTPUT, "handsOn", {}, "node24")).status).toBe("refused");
  });

  const converted: [string, unknown, Pick<InvocationOutcome, "status" | "result" | "effectsAtSettle">][] = [
    ["returns", {}, { status: "ok", result: {}, effectsAtSettle: [] }],
    ["returns", { id: "a" }, { status: "ok", result: { id: "a" }, effectsAtSettle: ["db.put:a"] }],
    ["otherBranch", {}, { status: "ok", result: {}, effectsAtSettle: [] }],
    ["otherBranch", { id: "b" }, { status: "ok", result: { id: "b" }, effectsAtSettle: ["db.put:b"] }],
  ];
  for (const [exportName, event, expected] of converted) {
    it(`${exportName}(${JSON.stringify(event)}): converted, the same answer and effects before and after`, async () => {
      const whole = { ...expected, lateEffects: [], unhandledRejections: [] };
      expect(await runWork(WORK_INPUT, exportName, event, "legacy")).toEqual(whole);
      expect(await runWork(WORK_OUTPUT, exportName, event, "node24")).toEqual(whole);
    });
  }
});
