/**
 * Behavioural test for `async`-library control flow in callback handlers (async.waterfall, series,
 * each, parallel with a final callback), against the real `async` package: the fixture's original
 * runs under the old runtime, its rewritten output (the fixture's .output file, which the fixture
 * runner proves the transform produces) under Node.js 24 rules. Results, errors and the effects that
 * landed when the invocation settled must match; the original is refused on Node.js 24.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const asyncLibrary = createRequire(import.meta.url)("async") as unknown;

/** A node-style store: each call records its effect when its work completes; the id "broken" fails. */
function fakeDb(log: EffectLog) {
  const later = (ms: number, effect: string, value: () => unknown, cb: (err: unknown, value?: unknown) => void) => {
    const work = trackPending(log, new Promise((resolve, reject) => setTimeout(() => {
      log.record(effect);
      try { resolve(value()); } catch (e) { reject(e); }
    }, ms)));
    void work.then((v) => cb(null, v), (e) => cb(e));
  };
  const check = (id: string) => { if (id === "broken") throw new Error("db down"); };
  return {
    load: (id: string, cb: (err: unknown, value?: unknown) => void) => later(5, `load:${id}`, () => (check(id), { id, text: "hello" }), cb),
    save: (item: { id: string }, cb: (err: unknown, value?: unknown) => void) => later(5, `save:${item.id}`, () => (check(item.id), item), cb),
    // The later the id in the list, the longer its removal takes: a failure ends `each` before the rest is done.
    remove: (id: string, cb: (err: unknown) => void) => later(id === "slow" ? 30 : 5, `remove:${id}`, () => check(id), cb),
  };
}

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
interface Scenario { exportName: string; event: unknown; outcome: Outcome; effects: string[] }

const ok = (result: unknown): Outcome => ({ status: "ok", result });
const failed: Outcome = { status: "error", error: { name: "Error", message: "db down" } };

const CASES: Record<string, Scenario[]> = {
  "async-library.js": [
    { exportName: "waterfall", event: { id: "x" }, outcome: ok({ saved: { id: "x", text: "hello", seen: true } }), effects: ["load:x", "save:x"] },
    { exportName: "waterfall", event: { id: "broken" }, outcome: failed, effects: ["load:broken"] },
    { exportName: "series", event: {}, outcome: ok([{ id: "a" }, { id: "b" }]), effects: ["save:a", "save:b"] },
    { exportName: "each", event: { ids: ["1", "2"] }, outcome: ok("removed 2"), effects: ["remove:1", "remove:2"] },
    // callback(err) answered at once in the old runtime, as reject does now: the slow removal lands after both.
    { exportName: "each", event: { ids: ["broken", "slow"] }, outcome: failed, effects: ["remove:broken"] },
    { exportName: "parallel", event: {}, outcome: ok(["a", "b"]), effects: ["load:a", "load:b"] },
  ],
  // async.map's final callback (not an Array map() callback): it runs once, after every lookup.
  "async-map-final.js": [
    { exportName: "lookupAll", event: { ids: ["a", "b"] }, outcome: ok(["a", "b"]), effects: ["load:a", "load:b"] },
    { exportName: "lookupAll", event: { ids: ["broken"] }, outcome: failed, effects: ["load:broken"] },
  ],
  "async-library-esm.mjs": [
    { exportName: "handler", event: { id: "y" }, outcome: ok({ saved: { id: "y", text: "hello", seen: true } }), effects: ["load:y", "save:y"] },
    { exportName: "handler", event: { id: "broken" }, outcome: failed, effects: ["load:broken"] },
  ],
};

function fixture(file: string): { input: string; output: string } {
  const [base, ext] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf(".") + 1)];
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "callback-handlers", `${base}.${kind}.${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

async function runOnce(code: string, file: string, s: Scenario, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const db = fakeDb(log);
  const modules = { log, async: asyncLibrary, "./db": db, "./db.mjs": { db } };
  return invoke({ code, fileName: file.replace(/\.mjs$/, ".js"), exportName: s.exportName, event: s.event, runtime, modules, serializeResult: true });
}

describe("async-library control flow at run time (real async package, freeze harness)", () => {
  for (const [file, scenarios] of Object.entries(CASES)) {
    const { input, output } = fixture(file);
    for (const s of scenarios) {
      it(`${file} ${s.exportName} ${JSON.stringify(s.event)}: same outcome and effects before and after`, async () => {
        const before = await runOnce(input, file, s, "legacy");
        const after = await runOnce(output, file, s, "node24");
        const pick = (o: InvocationOutcome): Outcome => ({ status: o.status, ...(o.status === "ok" ? { result: o.result } : { error: o.error }) });
        expect(pick(before)).toEqual(s.outcome);
        expect(pick(after)).toEqual(s.outcome);
        expect(before.effectsAtSettle).toEqual(s.effects);
        expect(after.effectsAtSettle).toEqual(s.effects);
        expect(after.unhandledRejections).toEqual([]);
        expect((await runOnce(input, file, s, "node24")).status).toBe("refused");
      });
    }
  }
});
