/**
 * unseen8 (issue 11), fixture callback-handlers/stringified-rejection: the text of a promise's rejection reason as
 * the error (`.catch((err) => callback(JSON.stringify(err)))`, aws-lambda-playground's dynamodb-local, localstack and
 * dynamodb-promise handlers). lib.d.ts types JSON.stringify as `string`, but JSON.stringify(undefined) is undefined,
 * and a promise may reject with undefined: the old runtime then took `callback(undefined)` for a success and answered
 * null (sent as null; the harness shows undefined), while the rewrite settle made before (main 27d000c: `reject(JSON.stringify(err))`) fails the invocation.
 * settle now leaves such a handler as it is, with a finding; through context.fail, whose undefined the old runtime
 * answered as the error "handled", it converts with `?? 'handled'`. Modules loaded as they are, the answer read whole.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const DIR = path.join(FIXTURES, "callback-handlers");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");

/** What settle wrote for the `handler` export before this rule (main at 27d000c). */
const OLD_HANDLER = `'use strict';

const store = require('./store');

exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    store.put(event.item).then((saved) => {
      resolve(JSON.stringify(saved));
    }).catch((err) => {
      reject(JSON.stringify(err));
    });
  });
};
`;

/** What settle wrote for the `viaContext` export before this rule (main at 27d000c). */
const OLD_VIA_CONTEXT = `'use strict';

const store = require('./store');

exports.viaContext = async (event, context) => {
  return new Promise((resolve, reject) => {
    store.put(event.item).then((saved) => resolve(saved), (err) => reject(JSON.stringify(err)));
  });
};
`;

/** A store whose put settles from a timer: the item, an Error for "broken", undefined (no reason) with no item. */
function fakeStore(log: EffectLog) {
  return {
    put: (item?: string) =>
      trackPending(log, new Promise((resolve, reject) => setTimeout(() => {
        log.record(`store.put:${item ?? "-"}`);
        if (item === "broken") reject(new Error("store down"));
        else if (item === undefined) reject(undefined);
        else resolve({ item });
      }, 5))),
  };
}

async function runOnce(code: string, exportName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "stringified-rejection.js", exportName, event, runtime, modules: { "./store": fakeStore(log), log }, serializeResult: true, timeoutMs: 300 });
}

const EVENTS = { saved: { item: "a" }, broken: { item: "broken" }, noReason: {} };

describe("unseen8: the text of a rejection reason as the error", () => {
  it("settle leaves the callback handler as it is, with a finding at the stringified reason", () => {
    expect(read("stringified-rejection.findings.txt")).toContain(
      "stringified-rejection.js:10:14  [blocking] JSON.stringify(err) is undefined when the promise rejected with undefined",
    );
    expect(read("stringified-rejection.output.js")).toContain("exports.handler = (event, context, callback) => {");
  });

  it("a rejection with undefined: the old runtime answered null, the rewrite settle made before fails the invocation", async () => {
    const legacy = await runOnce(read("stringified-rejection.input.js"), "handler", EVENTS.noReason, "legacy");
    expect(legacy).toEqual({ status: "ok", result: undefined, effectsAtSettle: ["store.put:-"], lateEffects: [], unhandledRejections: [] });
    expect(await runOnce(OLD_HANDLER, "handler", EVENTS.noReason, "node24")).toMatchObject({ status: "error", effectsAtSettle: ["store.put:-"] });
    // With a reason, that rewrite answered as the original did: only the undefined reason differs.
    for (const event of [EVENTS.saved, EVENTS.broken]) {
      expect(await runOnce(OLD_HANDLER, "handler", event, "node24")).toEqual(await runOnce(read("stringified-rejection.input.js"), "handler", event, "legacy"));
    }
    expect(await runOnce(read("stringified-rejection.input.js"), "handler", EVENTS.broken, "legacy")).toMatchObject({ status: "error", error: { message: "{}" } });
  });

  it("through context.fail the old runtime answered the error \"handled\"; the conversion keeps it with ?? 'handled'", async () => {
    const input = read("stringified-rejection.input.js");
    const output = read("stringified-rejection.output.js");
    const legacyNoReason = await runOnce(input, "viaContext", EVENTS.noReason, "legacy");
    expect(legacyNoReason).toMatchObject({ status: "error", error: { message: "handled" }, effectsAtSettle: ["store.put:-"] });
    expect(await runOnce(OLD_VIA_CONTEXT, "viaContext", EVENTS.noReason, "node24")).not.toEqual(legacyNoReason);
    // Unconverted, Node.js 24 has no context.succeed/fail: the original answers early there, not with the item.
    expect(await runOnce(input, "viaContext", EVENTS.saved, "node24")).not.toEqual(await runOnce(input, "viaContext", EVENTS.saved, "legacy"));
    for (const event of Object.values(EVENTS)) {
      expect(await runOnce(output, "viaContext", event, "node24")).toEqual(await runOnce(input, "viaContext", event, "legacy"));
    }
    expect(await runOnce(output, "viaContext", EVENTS.saved, "node24")).toEqual({ status: "ok", result: { item: "a" }, effectsAtSettle: ["store.put:a"], lateEffects: [], unhandledRejections: [] });
  });

  it("the text in a variable (the finding's fix, for a promise that never rejects with undefined) converts", async () => {
    const input = read("stringified-rejection.input.js");
    const output = read("stringified-rejection.output.js");
    expect((await runOnce(input, "inVariable", EVENTS.saved, "node24")).status).toBe("refused");
    for (const event of [EVENTS.saved, EVENTS.broken]) {
      expect(await runOnce(output, "inVariable", event, "node24")).toEqual(await runOnce(input, "inVariable", event, "legacy"));
    }
  });
});
