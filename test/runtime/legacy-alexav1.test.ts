/**
 * alexav1 (issue 11): alexa-sdk v1 handlers converted with the context adapter, run with the REAL alexa-sdk@1.0.25
 * (a dev dependency). `Alexa.handler(event, context)` (fixture callback-handlers/alexa-sdk-v1-context, skill.*):
 * v1 answers through context.succeed/fail (lib/alexa.js, lib/response.js), which the converted handler's
 * `legacyContext(context, resolve, reject)` maps to its promise, intents' `this.context.succeed(...)` included.
 * With the callback (delegate.*), the callback answers v1's own emits and the adapter the intents' this.context.
 * The original runs under the old runtime (succeed/fail/done, callback, null once the event loop is empty), the
 * output under Node.js 24 rules: the same whole answer or error, the same effects. A registered intent handler
 * with a path that never answers (quiet.*) is reported: the old runtime answered null there, the conversion's
 * promise would never settle (shown on the conversion settle does not write). With a DynamoDB table (saved.*), v1
 * answers only once its state read and save have called back (lib/response.js ":saveState"), so that converts too.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;

const read = (name: string) => readFileSync(path.join(FIXTURES, "callback-handlers", "alexa-sdk-v1-context", name), "utf8");

/**
 * The real package. Loading it adds a process "uncaughtException" listener that logs and rethrows (lib/alexa.js):
 * on Lambda it ends the process as the runtime's own would; here it would end the test worker, so it is removed.
 */
function loadAlexaSdk(): unknown {
  const before = new Set(process.listeners("uncaughtException"));
  const sdk = createRequire(import.meta.url)("alexa-sdk");
  for (const listener of process.listeners("uncaughtException")) if (!before.has(listener)) process.off("uncaughtException", listener);
  return sdk;
}
const SDK = loadAlexaSdk() as { handler(event: unknown, context: unknown, callback?: unknown): object; CreateStateHandler: unknown };

/**
 * The harness runs the handler in a vm context, whose object literals have that context's Object as constructor,
 * and v1's registerHandlers takes only objects whose constructor is its own realm's Object (`Argument #0 was not
 * an Object`): on Lambda both are one realm. So each handed object is copied, own properties as they are (the
 * hidden STATE of CreateStateHandler too), into an object of v1's realm; everything else is v1's own.
 */
const ALEXA = {
  ...SDK,
  handler(event: unknown, context: unknown, callback?: unknown) {
    const skill = callback === undefined ? SDK.handler(event, context) : SDK.handler(event, context, callback);
    const register = (skill as { registerHandlers(...objects: object[]): void }).registerHandlers;
    const copy = (o: object) => Object.defineProperties({}, Object.getOwnPropertyDescriptors(o));
    // The skill's own properties (appId, dynamoDBTableName, resources, execute, …) forwarded to it; registerHandlers copies.
    const facade: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(skill).filter((k) => k !== "registerHandlers")) {
      Object.defineProperty(facade, key, { get: () => (skill as Record<string, unknown>)[key], set: (v) => void ((skill as Record<string, unknown>)[key] = v) });
    }
    Object.defineProperty(facade, "registerHandlers", { value: (...objects: object[]) => register(...objects.map(copy)) });
    return facade;
  },
};
const VERSION = (createRequire(import.meta.url)("alexa-sdk/package.json") as { version: string }).version;
const USER_AGENT = `ask-nodejs/${VERSION} Node/${process.version}`;

const session = (attributes: Record<string, unknown> = {}) => ({
  new: false,
  sessionId: "amzn1.echo-api.session.1",
  application: { applicationId: "amzn1.ask.skill.test" },
  user: { userId: "amzn1.ask.account.user" },
  attributes,
});
const request = (type: string, extra: Record<string, unknown> = {}) => ({ version: "1.0", session: session(), request: { type, requestId: "r1", locale: "en-US", ...extra } });
const intent = (name: string, extra: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) => request("IntentRequest", { intent: { name, slots }, ...extra });

const speech = (text: string) => ({ type: "SSML", ssml: `<speak> ${text} </speak>` });
const reprompt = (text: string) => ({ outputSpeech: speech(text) });
const ok = (result: unknown): Outcome => ({ status: "ok", result });

/**
 * v1's DynamoDB state (lib/DynamoAttributesHelper.js) goes through aws-sdk v2's DocumentClient, created once on
 * first use: replaced in the aws-sdk v1 itself loads by a stand-in that records each read and write 5ms later,
 * on the log of the invocation that runs.
 */
let currentLog: EffectLog | undefined;
const AWS = createRequire(createRequire(import.meta.url).resolve("alexa-sdk"))("aws-sdk") as { DynamoDB: { DocumentClient: unknown } };
AWS.DynamoDB.DocumentClient = class {
  get(params: { TableName: string; Key: { userId: string } }, cb: (err: unknown, data?: unknown) => void) {
    void delayedEffect(currentLog!, 5, `dynamodb.get:${params.TableName}:${params.Key.userId}`, () => ({})).then((data) => cb(null, data));
  }
  put(params: { TableName: string; Item: { mapAttr: unknown } }, cb: (err: unknown, data?: unknown) => void) {
    void delayedEffect(currentLog!, 5, `dynamodb.put:${params.TableName}:${JSON.stringify(params.Item.mapAttr)}`, () => ({})).then((data) => cb(null, data));
  }
};

async function runOnce(code: string, event: unknown, runtime: "legacy" | "node24", timeoutMs = 500): Promise<InvocationOutcome> {
  const log = createEffectLog();
  currentLog = log;
  // A fresh copy each run: v1 writes the session attributes into the event.
  return invoke({ code, fileName: "index.js", event: structuredClone(event), runtime, modules: { log, "alexa-sdk": ALEXA }, serializeResult: true, timeoutMs });
}

describe("alexav1: alexa-sdk v1 (the real package) handed the context, old runtime vs the conversion on Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const SCENARIOS: { name: string; event: unknown; outcome: Outcome }[] = [
    {
      name: "LaunchRequest: emits HelloIntent, which asks (:ask)",
      event: request("LaunchRequest"),
      outcome: ok({ version: "1.0", response: { outputSpeech: speech("Who are you?"), reprompt: reprompt("Tell me your name"), shouldEndSession: false }, sessionAttributes: {}, userAgent: USER_AGENT }),
    },
    {
      name: "IntentRequest: HelloIntent with its slot (:responseReady)",
      event: intent("HelloIntent", {}, { Name: { name: "Name", value: "Ada" } }),
      outcome: ok({ version: "1.0", response: { outputSpeech: speech("Hello Ada"), shouldEndSession: true }, sessionAttributes: {}, userAgent: USER_AGENT }),
    },
    {
      name: "IntentRequest: PlanTrip answers through this.context.succeed (Dialog.Delegate)",
      event: intent("PlanTrip", { dialogState: "STARTED" }),
      outcome: ok({ version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } }),
    },
    {
      name: "IntentRequest: StopIntent answers from a timer",
      event: intent("AMAZON.StopIntent"),
      outcome: ok({ version: "1.0", response: { outputSpeech: speech("Goodbye"), shouldEndSession: true }, sessionAttributes: {}, userAgent: USER_AGENT }),
    },
    {
      name: "IntentRequest: StartQuiz goes to the QUIZ state (emitWithState)",
      event: intent("StartQuiz"),
      outcome: ok({ version: "1.0", response: { outputSpeech: speech("What is two plus two?"), reprompt: reprompt("Two plus two?"), shouldEndSession: false }, sessionAttributes: { STATE: "QUIZ" }, userAgent: USER_AGENT }),
    },
    {
      name: "an unhandled intent: Unhandled throws, v1 answers its error through context.fail",
      event: intent("AMAZON.HelpIntent"),
      outcome: { status: "error", error: { name: "Error", message: "unexpected request" } },
    },
    {
      name: "SessionEndedRequest (:responseReady with nothing spoken)",
      event: request("SessionEndedRequest", { reason: "USER_INITIATED" }),
      outcome: ok({ version: "1.0", response: { shouldEndSession: true }, sessionAttributes: {}, userAgent: USER_AGENT }),
    },
  ];
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const expected = { ...s.outcome, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
      expect(await runOnce(read("skill.input.js"), s.event, "legacy")).toEqual(expected);
      expect((await runOnce(read("skill.input.js"), s.event, "node24")).status).toBe("refused");
      expect(await runOnce(read("skill.output.js"), s.event, "node24")).toEqual(expected);
    });
  }

  it("an application id that does not match: v1's error answer, in both", async () => {
    const code = (text: string) => text.replace("alexa.appId = process.env.APP_ID;", 'alexa.appId = "amzn1.ask.skill.other";');
    const expected = { status: "error", error: { name: "Error", message: "Invalid ApplicationId: amzn1.ask.skill.other" }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
    expect(code(read("skill.output.js"))).toContain('"amzn1.ask.skill.other"');
    expect(await runOnce(code(read("skill.input.js")), request("LaunchRequest"), "legacy")).toEqual(expected);
    expect(await runOnce(code(read("skill.output.js")), request("LaunchRequest"), "node24")).toEqual(expected);
  });

  it("the ESM variant: same answer as its original", async () => {
    const cjs = (text: string) => text.replace('import Alexa from "alexa-sdk";', 'const Alexa = require("alexa-sdk");').replace(/^export (async )?function handler/m, "exports.handler = $1function handler").replace(/^export const handler = /m, "exports.handler = ");
    const expected = { ...ok({ version: "1.0", response: { outputSpeech: speech("What would you like?"), reprompt: reprompt("Ask me anything"), shouldEndSession: false }, sessionAttributes: {}, userAgent: USER_AGENT }), effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
    expect(await runOnce(cjs(read("skill-esm.input.mjs")), request("LaunchRequest"), "legacy")).toEqual(expected);
    expect(await runOnce(cjs(read("skill-esm.output.mjs")), request("LaunchRequest"), "node24")).toEqual(expected);
  });
});

describe("alexav1: an intent handler answering through a function it runs with its own this", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const SCENARIOS: { name: string; event: unknown; outcome: Outcome }[] = [
    { name: "respond.call(this, text): :tell", event: intent("Echo", {}, { Text: { name: "Text", value: "hi there" } }), outcome: ok({ version: "1.0", response: { outputSpeech: speech("hi there"), shouldEndSession: true }, sessionAttributes: {}, userAgent: USER_AGENT }) },
    { name: "respond.call(this, undefined): :ask", event: intent("Echo", {}, { Text: { name: "Text" } }), outcome: ok({ version: "1.0", response: { outputSpeech: speech("What was that?"), reprompt: reprompt("Say it again"), shouldEndSession: false }, sessionAttributes: {}, userAgent: USER_AGENT }) },
  ];
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const expected = { ...s.outcome, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
      expect(await runOnce(read("helper-call.input.js"), s.event, "legacy")).toEqual(expected);
      expect(await runOnce(read("helper-call.input.js"), s.event, "node24")).toMatchObject({ status: "error", error: { name: "TypeError" } });
      expect(await runOnce(read("helper-call.output.js"), s.event, "node24")).toEqual(expected);
    });
  }
});

describe("alexav1: with the callback, intents' this.context goes through the adapter", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const SCENARIOS: { name: string; event: unknown; outcome: Outcome }[] = [
    { name: "this.context.succeed (Dialog.Delegate)", event: intent("PlanTrip", { dialogState: "STARTED" }), outcome: ok({ version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } }) },
    { name: "this.callback(null, response)", event: intent("PlanTrip", { dialogState: "COMPLETED" }), outcome: ok({ version: "1.0", response: { shouldEndSession: true } }) },
    {
      name: "no handler and no Unhandled: v1's error through the callback",
      event: request("SessionEndedRequest"),
      outcome: { status: "error", error: { name: "Error", message: "In state: . No handler function was defined for event SessionEndedRequest and no 'Unhandled' function was defined." } },
    },
  ];
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const expected = { ...s.outcome, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
      expect(await runOnce(read("delegate.input.js"), s.event, "legacy")).toEqual(expected);
      expect(await runOnce(read("delegate.output.js"), s.event, "node24")).toEqual(expected);
    });
  }
});

describe("alexav1: an intent handler with a path that never answers stays reported", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("SessionEndedRequest that only logs: null on the old runtime, a timeout for the conversion settle does not write", async () => {
    const input = read("quiet.input.js");
    const ended = request("SessionEndedRequest", { reason: "USER_INITIATED" });
    expect(await runOnce(input, ended, "legacy")).toEqual({ ...ok(null), effectsAtSettle: [], lateEffects: [], unhandledRejections: [] });
    const converted = input
      .replace("exports.handler = function (event, context) {", "exports.handler = async function (event, context) {\n  return new Promise((resolve, reject) => {")
      .replace("Alexa.handler(event, context)", "Alexa.handler(event, Object.create(context, { succeed: { value: resolve }, fail: { value: reject } }))")
      .replace("  alexa.execute();\n};", "  alexa.execute();\n  });\n};");
    expect(converted).toContain("value: resolve");
    expect(converted).toContain("});\n};");
    // The converted handler answers a launch as the original did, and hangs where the original answered null.
    const launch = request("LaunchRequest");
    expect((await runOnce(converted, launch, "node24")).result).toEqual((await runOnce(input, launch, "legacy")).result);
    expect(await runOnce(converted, ended, "node24", 200)).toMatchObject({ status: "timeout" });
  });
});

describe("alexav1: with a DynamoDB table, v1 answers only once its state read and save have called back", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const launch = { ...request("LaunchRequest"), session: { ...session(), new: true } };
  const response = { version: "1.0", response: { outputSpeech: speech("Welcome back"), shouldEndSession: true }, sessionAttributes: { visits: 1 }, userAgent: USER_AGENT };
  const expected = { ...ok(response), effectsAtSettle: ["dynamodb.get:SkillState:amzn1.ask.account.user", 'dynamodb.put:SkillState:{"visits":1}'], lateEffects: [], unhandledRejections: [] };

  it("given the context: the read, then the write of a :tell, both before the answer, on the old runtime and converted", async () => {
    expect(await runOnce(read("saved.input.js"), launch, "legacy")).toEqual(expected);
    expect(await runOnce(read("saved.output.js"), launch, "node24")).toEqual(expected);
  });

  it("given the callback (callback-handlers/alexa-sdk-v1, saved.*): the same", async () => {
    const other = (name: string) => readFileSync(path.join(FIXTURES, "callback-handlers", "alexa-sdk-v1", name), "utf8");
    expect(await runOnce(other("saved.input.js"), launch, "legacy")).toEqual(expected);
    expect((await runOnce(other("saved.input.js"), launch, "node24")).status).toBe("refused");
    expect(await runOnce(other("saved.output.js"), launch, "node24")).toEqual(expected);
  });

  it("an :ask of an open session is answered without a save, in both", async () => {
    const code = (text: string) => text.replace('this.emit(":tell", "Welcome back");', 'this.emit(":ask", "Welcome back", "Still there?");');
    expect(code(read("saved.output.js"))).toContain('":ask"');
    const asked = { ...ok({ ...response, response: { outputSpeech: speech("Welcome back"), reprompt: reprompt("Still there?"), shouldEndSession: false } }), effectsAtSettle: ["dynamodb.get:SkillState:amzn1.ask.account.user"], lateEffects: [], unhandledRejections: [] };
    expect(await runOnce(code(read("saved.input.js")), launch, "legacy")).toEqual(asked);
    expect(await runOnce(code(read("saved.output.js")), launch, "node24")).toEqual(asked);
  });
});
