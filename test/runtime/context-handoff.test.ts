/**
 * Behavioural test of the context handed to project helpers (fixture callback-handlers/context-handoff):
 * the original handlers under the old runtime (context.succeed/fail/done, callbacks), the rewritten
 * ones under Node.js 24 rules (no succeed/fail/done, three or more parameters refused), with the
 * helpers of the other files loaded as they are (settle leaves them unchanged): same results, errors
 * and effects, and the originals fail on Node.js 24.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

const DIR = path.join(FIXTURES, "callback-handlers", "context-handoff");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");


function modulesFor(log: EffectLog): Record<string, unknown> {
  // The store's lookup, as store.js does it but recording its effect and tracked as pending work.
  const store = {
    lookup: (id: string, callback: (err: unknown, item?: unknown) => void) =>
      void trackPending(log, new Promise<void>((resolve) => setTimeout(() => {
        log.record(`lookup:${id}`);
        // On Node.js 24 the original helper throws here (no context.succeed): the real runtime crashes the invocation.
        try {
          if (id === "missing") callback(new Error("not found"));
          else callback(null, { id });
        } catch (e) {
          log.record(`threw:${(e as Error).name}`);
        }
        resolve();
      }, 5))),
  };
  return {
    log,
    "./process": loadCommonJs(read("process.js"), { "./store": store }),
    "./shared": loadCommonJs(read("shared.js"), {}),
  };
}

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
interface Scenario { exportName: string; event: unknown; outcome: Outcome; effects: string[]; was: "refused" | "TypeError" | "wrong answer" }
const ok = (result: unknown): Outcome => ({ status: "ok", result });
const error = (name: string, message: string): Outcome => ({ status: "error", error: { name, message } });

const CASES: Record<string, Scenario[]> = {
  handlers: [
    { exportName: "handler", event: {}, was: "TypeError", effects: [], outcome: error("Error", "no records") },
    { exportName: "handler", event: { Records: [{ id: "a" }, { id: "b" }] }, was: "wrong answer", effects: ["lookup:a"], outcome: ok({ id: "a", count: 2 }) },
    { exportName: "handler", event: { Records: [{ id: "missing" }] }, was: "wrong answer", effects: ["lookup:missing"], outcome: error("Error", "not found") },
    { exportName: "local", event: { value: 3 }, was: "refused", effects: [], outcome: ok({ posted: 3 }) },
    { exportName: "local", event: { error: "bad" }, was: "refused", effects: [], outcome: error("string", "bad") },
  ],
  others: [
    { exportName: "viaShared", event: { name: "x" }, was: "TypeError", effects: [], outcome: ok({ shared: "x" }) },
  ],
};

describe("context handed to project helpers: the old runtime's results, on Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  for (const [file, scenarios] of Object.entries(CASES)) {
    const input = read(`${file}.input.js`);
    const output = read(`${file}.output.js`);
    scenarios.forEach((s, i) => {
      it(`${file}.${s.exportName} #${i + 1} ${JSON.stringify(s.event)}`, async () => {
        const once = (code: string, runtime: "legacy" | "node24") => {
          const log = createEffectLog();
          return invoke({ code, fileName: `${file}.js`, exportName: s.exportName, event: s.event, runtime, modules: modulesFor(log), serializeResult: true });
        };
        expect(await once(input, "legacy")).toEqual({ ...s.outcome, effectsAtSettle: s.effects, lateEffects: [], unhandledRejections: [] });
        const before = await once(input, "node24");
        if (s.was === "refused") expect(before.status).toBe("refused");
        // The helper's context.succeed throws in a later callback: Node.js 24 has already answered with the handler's undefined.
        else if (s.was === "wrong answer") expect(before).toMatchObject({ status: "ok", result: undefined, lateEffects: [...s.effects, "threw:TypeError"] });
        else expect(before).toMatchObject({ status: "error", error: { name: "TypeError" } });
        expect(await once(output, "node24")).toEqual({ ...s.outcome, effectsAtSettle: s.effects, lateEffects: [], unhandledRejections: [] });
      });
    });
  }

  it("the adapter keeps the first answer, as the old runtime did, and the context's own fields", async () => {
    const code = `${read("handlers.output.js")}
exports.twice = async (event, context) => new Promise((resolve, reject) => {
  const c = legacyContext(context, resolve, reject);
  c.succeed(c.functionName === "settle-test" && c.getRemainingTimeInMillis() > 0);
  c.fail(new Error("too late"));
});
`;
    const log = createEffectLog();
    const outcome = await invoke({ code, fileName: "handlers.js", exportName: "twice", event: {}, runtime: "node24", modules: modulesFor(log) });
    expect(outcome).toMatchObject({ status: "ok", result: true, unhandledRejections: [] });
  });
});

describe("ESM: context handed to a helper module (fixture context-handoff-esm)", () => {
  const esm = path.join(FIXTURES, "callback-handlers", "context-handoff-esm");
  const readEsm = (name: string) => readFileSync(path.join(esm, name), "utf8");
  // helper.mjs as it is (settle leaves it unchanged), compiled to CommonJS for the harness, over a recording store;
  // the handler runs as handler.js (TypeScript keeps an .mjs file ESM, which the harness cannot load).
  const helperModule = (log: EffectLog) => {
    const helper = ts.transpileModule(readEsm("helper.mjs"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    return loadCommonJs(helper, { "./store.mjs": modulesForStore(log) });
  };
  const modulesForStore = (log: EffectLog) => ({
    lookup: (id: string, callback: (err: unknown, item?: unknown) => void) =>
      void trackPending(log, new Promise<void>((resolve) => setTimeout(() => {
        log.record(`lookup:${id}`);
        try {
          if (id === "missing") callback(new Error("not found"));
          else callback(null, { id });
        } catch (e) {
          log.record(`threw:${(e as Error).name}`);
        }
        resolve();
      }, 5))),
  });
  const scenarios: { event: unknown; outcome: Outcome; effects: string[] }[] = [
    { event: { id: "a", source: "sqs" }, outcome: ok({ id: "a", source: "sqs" }), effects: ["lookup:a"] },
    { event: { id: "missing" }, outcome: error("Error", "not found"), effects: ["lookup:missing"] },
  ];
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());
  scenarios.forEach((s, i) => {
    it(`handler #${i + 1} ${JSON.stringify(s.event)}`, async () => {
      const once = (file: string, runtime: "legacy" | "node24") => {
        const log = createEffectLog();
        return invoke({ code: readEsm(file), fileName: "handler.js", exportName: "handler", event: s.event, runtime, modules: { log, "./helper.mjs": helperModule(log) }, serializeResult: true });
      };
      const expected = { ...s.outcome, effectsAtSettle: s.effects, lateEffects: [], unhandledRejections: [] };
      expect(await once("handler.input.mjs", "legacy")).toEqual(expected);
      // Node.js 24 answers with the handler's undefined at once; the helper's context call then throws.
      expect(await once("handler.input.mjs", "node24")).toMatchObject({ status: "ok", result: undefined, lateEffects: [...s.effects, "threw:TypeError"] });
      expect(await once("handler.output.mjs", "node24")).toEqual(expected);
    });
  });
});

describe("an (event, context, callback) export serverless.yml does not list: converted like its listed sibling", () => {
  const dir = path.join(FIXTURES, "callback-handlers", "unlisted-sibling");
  const input = readFileSync(path.join(dir, "handler.input.js"), "utf8");
  const output = readFileSync(path.join(dir, "handler.output.js"), "utf8");
  // createServer/proxy are not called by these two exports; the app module is not used either.
  const modules = () => ({ "aws-serverless-express": { createServer: () => ({}), proxy: () => undefined }, "./app": { app: {} } });
  for (const exportName of ["connect", "disconnect"]) {
    it(exportName, async () => {
      const body = exportName === "connect" ? "Connected." : "Disconnected.";
      const expected = { status: "ok", result: { statusCode: 200, body }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
      expect(await invoke({ code: input, fileName: "handler.js", exportName, event: {}, runtime: "legacy", modules: modules() })).toEqual(expected);
      expect((await invoke({ code: input, fileName: "handler.js", exportName, event: {}, runtime: "node24", modules: modules() })).status).toBe("refused");
      expect(await invoke({ code: output, fileName: "handler.js", exportName, event: {}, runtime: "node24", modules: modules() })).toEqual(expected);
    });
  }
});

describe("a helper named like a handler, called with a handler's context (fixture helper-named-handler)", () => {
  const dir = path.join(FIXTURES, "callback-handlers", "helper-named-handler");
  const readCase = (name: string) => readFileSync(path.join(dir, name), "utf8");
  // index.js's recordHandler stays as it is: the caller's adapter answers for it.
  const services = (log: EffectLog) => ({
    db: {
      get: (id: string, cb: (err: unknown, item?: unknown) => void) =>
        void trackPending(log, new Promise<void>((resolve) => setTimeout(() => {
          log.record(`db.get:${id}`);
          try {
            if (id === "broken") cb(new Error("db down"));
            else cb(null, { id });
          } catch (e) {
            log.record(`threw:${(e as Error).name}`);
          }
          resolve();
        }, 5))),
    },
  });
  const scenarios: { event: unknown; outcome: Outcome; effects: string[] }[] = [
    { event: { detail: { id: "a" } }, outcome: ok({ id: "a" }), effects: ["db.get:a"] },
    { event: { detail: { id: "broken" } }, outcome: error("Error", "db down"), effects: ["db.get:broken"] },
  ];
  scenarios.forEach((s, i) => {
    it(`other.handler #${i + 1} ${JSON.stringify(s.event)}`, async () => {
      const once = (file: string, runtime: "legacy" | "node24") => {
        const log = createEffectLog();
        const index = loadCommonJs(readCase(file.replace("other", "index")), { "./services": services(log) });
        return invoke({ code: readCase(file), fileName: "other.js", exportName: "handler", event: s.event, runtime, modules: { log, "./index": index }, serializeResult: true });
      };
      const expected = { ...s.outcome, effectsAtSettle: s.effects, lateEffects: [], unhandledRejections: [] };
      expect(await once("other.input.js", "legacy")).toEqual(expected);
      // Node.js 24 answers with the handler's undefined at once; the helper's context call then throws.
      expect(await once("other.input.js", "node24")).toMatchObject({ status: "ok", result: undefined, lateEffects: [...s.effects, "threw:TypeError"] });
      expect(await once("other.output.js", "node24")).toEqual(expected);
    });
  });
});
