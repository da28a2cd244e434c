/**
 * Unseen set 5 (issue 11, notes/review-unseen5.md): a handler that hands its callback on inside an object,
 * `main({ event, context, callback })` (aws-lambda-ffmpeg's shape), fixture
 * callback-handlers/callback-in-shorthand-object. The shorthand property reads the parameter, but its
 * identifier's own symbol is the property's, so settle took the callback for unused: it dropped the parameter
 * and left `callback` in the object, which then threw a ReferenceError. Now the use is seen and reported, and
 * the handler stays as it is (the fixture has no output file). The original under the old runtime, the former
 * rewrite under Node.js 24 rules, the answer read whole.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, delayedEffect, invoke, type InvocationOutcome } from "../harness/freeze.js";
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
