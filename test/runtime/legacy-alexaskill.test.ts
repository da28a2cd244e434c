/**
 * unseen7 (issue 11), fixtures callback-handlers/prototype-dispatch and prototype-dispatch-quiet: the AlexaSkill.js
 * shape (a reduced framework of the project's own, bot.js): the handler hands its context to `new Greeter().run(event,
 * context)`, which dispatches over the prototype's tables (`this.kinds[type].call(this, …)`, `this.hooks.onAsk`,
 * `this.intents[name]`) with a Reply whose methods answer through `this._context`. settle gives run
 * `legacyContext(context, resolve, reject)` and leaves bot.js as it is: the original under the old runtime and the
 * result under Node.js 24 rules give the same answers, errors and effects (launch, intents, an intent over a fake
 * https that succeeds and fails, the session's end, an unknown intent and an unknown request type that throw into
 * run's catch, a request missing). bot.js is loaded afresh for each invocation (its tables are shared objects the
 * handler's module writes into). The quiet sibling (its https "error" listener answers nothing) stays as it is: the
 * old runtime answered null there, and the same adapter rewrite would time out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { fakeHttps } from "../helpers/fake-https.js";
import { loadCommonJs } from "../helpers/load-module.js";

const DIR = path.join(FIXTURES, "callback-handlers", "prototype-dispatch");
const QUIET = path.join(FIXTURES, "callback-handlers", "prototype-dispatch-quiet");
const REGISTER = path.join(FIXTURES, "callback-handlers", "prototype-dispatch-register");
const read = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");

async function runOnce(dir: string, code: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const https = fakeHttps(log);
  const modules: Record<string, unknown> = { log, https, "./bot": loadCommonJs(read(dir, "bot.js"), {}) };
  if (dir === REGISTER) modules["./intents"] = loadCommonJs(read(dir, "intents.js"), {});
  return invoke({ code, fileName: "handler.js", event, runtime, modules, serializeResult: true, timeoutMs: 300 });
}

const answer = (result: unknown, effects: string[] = []) => ({ status: "ok", result, effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });
const failure = (name: string, message: string, effects: string[] = []) => ({ status: "error", error: { name, message }, effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });

const CASES: { name: string; event: unknown; expected: ReturnType<typeof answer> | ReturnType<typeof failure> }[] = [
  { name: "launch", event: { request: { type: "Start" } }, expected: answer({ text: "Welcome, ask me for the weather", end: false, intent: null }) },
  { name: "an intent", event: { request: { type: "Ask", intent: "Hello", name: "Ann" } }, expected: answer({ text: "Hello Ann", end: true, intent: "Hello" }) },
  { name: "an async intent over https", event: { request: { type: "Ask", intent: "Weather", city: "paris" } }, expected: answer({ text: "It is body of /paris in paris", end: true, intent: "Weather" }, ["https:/paris"]) },
  { name: "an async intent whose request fails", event: { request: { type: "Ask", intent: "Weather", city: "down" } }, expected: answer({ text: "No forecast for down", end: true, intent: "Weather" }, ["https:/down"]) },
  { name: "an intent that refuses", event: { request: { type: "Ask", intent: "Broken", city: "rome" } }, expected: failure("Error", "broken for rome") },
  { name: "the session's end", event: { request: { type: "End" } }, expected: answer(undefined) },
  { name: "an unknown intent that throws", event: { request: { type: "Ask", intent: "Nope" } }, expected: failure("string", "no intent Nope") },
  { name: "an unknown request type (TypeError at .call)", event: { request: { type: "Other" } }, expected: failure("TypeError", "Cannot read properties of undefined (reading 'call')") },
  { name: "no request", event: {}, expected: failure("string", "no request") },
];

describe("AlexaSkill-style prototype dispatch: the old runtime's answers on Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const input = read(DIR, "handler.input.js");
  const output = read(DIR, "handler.output.js");

  it("settle changed the handler only: it hands run the adapter", () => {
    expect(output).toContain("greeter.run(event, legacyContext(context, resolve, reject));");
    expect(output).not.toBe(input);
  });

  for (const c of CASES) {
    it(`${c.name}: the original under the old runtime, the result under Node.js 24`, async () => {
      const legacy = await runOnce(DIR, input, c.event, "legacy");
      expect(legacy).toEqual(c.expected);
      expect(await runOnce(DIR, output, c.event, "node24")).toEqual(legacy);
    });
  }

  it("the original fails on Node.js 24 (no context.succeed/fail)", async () => {
    const outcome = await runOnce(DIR, input, CASES[1].event, "node24");
    expect(outcome.status).toBe("error");
    expect(outcome.error?.name).toBe("TypeError");
  });

  it("the quiet sibling stays as it is: the old runtime answered null when the request failed, the adapter would time out", async () => {
    const quiet = read(QUIET, "handler.input.js");
    expect(read(QUIET, "findings.txt")).toContain('the "error" listener on https.get(…) answers nothing), reached through Ask → onAsk → Weather');
    const down = { request: { type: "Ask", intent: "Weather", city: "down" } };
    expect(await runOnce(QUIET, quiet, down, "legacy")).toEqual(answer(null, ["https:/down"]));
    const adapted = quiet
      .replace("exports.handler = function (event, context) {\n  new Forecaster().run(event, context);\n};", "exports.handler = async function (event, context) {\n  return new Promise((resolve, reject) => {\n    new Forecaster().run(event, legacyContext(context, resolve, reject));\n  });\n};\n" + output.slice(output.indexOf("/** The Lambda context as runtimes")));
    expect(adapted).toContain("legacyContext(context, resolve, reject)");
    expect((await runOnce(QUIET, adapted, down, "node24")).status).toBe("timeout");
    const ok = { request: { type: "Ask", intent: "Weather", city: "oslo" } };
    expect(await runOnce(QUIET, adapted, ok, "node24")).toEqual(await runOnce(QUIET, quiet, ok, "legacy"));
  });

  it("intents a module writes into the prototype's table (register(Counter.prototype.intents, …)): same answers", async () => {
    const original = read(REGISTER, "handler.input.js");
    const converted = read(REGISTER, "handler.output.js");
    expect(converted).toContain("counter.run(event, legacyContext(context, resolve, reject));");
    const cases: [unknown, unknown][] = [
      [{ request: { type: "Ask", intent: "Hello", name: "Bo" } }, answer({ text: "Hi Bo", end: true, intent: "Hello" })],
      [{ request: { type: "Ask", intent: "Say.Bye" } }, answer({ text: "Bye", end: true, intent: "Say.Bye" })],
      [{ request: { type: "Ask", intent: "Say.Bye", again: true } }, answer({ text: "Bye?", end: false, intent: "Say.Bye" })],
      [{ request: { type: "Start" } }, failure("string", "onStart is not written")],
      [{ request: { type: "Ask", intent: "Other" } }, failure("string", "no intent Other")],
    ];
    for (const [event, expected] of cases) {
      const legacy = await runOnce(REGISTER, original, event, "legacy");
      expect(legacy).toEqual(expected);
      expect(await runOnce(REGISTER, converted, event, "node24")).toEqual(legacy);
    }
  });
});
