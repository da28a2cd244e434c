/**
 * Unseen set 4 (issue 11, notes/review-unseen4.md): alexa-sdk v1 skills. `Alexa.handler(event, context, callback)`
 * (fixture callback-handlers/alexa-sdk-v1, callback.*) converts: v1 answers through the callback when it is
 * given one (lib/alexa.js ValidateRequest, lib/response.js ":responseReady": `typeof callback === 'undefined'`
 * picks context.succeed/fail, else callback(null, response) / callback(error)), errors included. With a
 * DynamoDB table (saved.input.js) the real v1 answers only once its save has called back, which converts too
 * (legacy-alexav1.test.ts runs the real package; this stand-in does not model the save). Given
 * only the context (callback-handlers/package-handoff, skill.input.js), v1 answers through context.succeed,
 * which Node.js 24 does not have: settle reports it, and the handler as it is breaks (shown here). An intent
 * handler's `this.context.succeed(...)` (delegate.input.js) answers through the real context either way: reported.
 * The package is a reduced stand-in of ours that answers as v1 does; the fixture files are run as they are.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
type Answer = (err: unknown, response?: unknown) => void;
type Intent = (this: { attributes: Record<string, unknown>; event: unknown; context: LambdaContext; callback?: Answer; emit(kind: string, speech?: string, reprompt?: string): void }) => void;
interface LambdaContext { succeed(result: unknown): void; fail(error: unknown): void }

const read = (dir: string, name: string) => readFileSync(path.join(FIXTURES, "callback-handlers", dir, name), "utf8");

/**
 * alexa-sdk v1 as its answers go: `handler(event, context, callback)` returns the skill; execute() finds the
 * request's handler (else Unhandled, else throws, which v1 catches and answers as an error), whose ":tell" /
 * ":ask" builds the response; with dynamoDBTableName set (unused now) the state save starts (5ms) and the answer follows at
 * once; the answer goes to the callback when given, else to context.succeed/fail.
 */
function alexaSdkV1(log: EffectLog) {
  return {
    handler(event: { request: { type: string; intent?: { name: string }; dialogState?: string }; session: { attributes?: Record<string, unknown> } }, context: LambdaContext, callback?: Answer) {
      const answer: Answer = (err, response) => {
        if (typeof callback === "undefined") return err ? context.fail(err) : context.succeed(response);
        return err ? callback(err) : callback(null, response);
      };
      const handlers: Record<string, Intent> = {};
      const skill = {
        appId: undefined as string | undefined,
        dynamoDBTableName: undefined as string | undefined,
        registerHandlers(...objects: Record<string, Intent>[]) {
          for (const o of objects) Object.assign(handlers, o);
        },
        execute() {
          try {
            const name = event.request.type === "IntentRequest" ? event.request.intent!.name : event.request.type;
            const intent = handlers[name] ?? handlers.Unhandled;
            if (!intent) throw new Error(`No handler function was defined for event ${name} and no 'Unhandled' function was defined.`);
            const attributes = (event.session.attributes ??= {});
            // v1's handler context: the event, and the Lambda context and callback Alexa.handler was given.
            intent.call({
              attributes,
              event,
              context,
              callback,
              emit(kind, speech, reprompt) {
                const response = {
                  version: "1.0",
                  response: { outputSpeech: { type: "SSML", ssml: `<speak> ${speech} </speak>` }, ...(reprompt ? { reprompt: { outputSpeech: { type: "SSML", ssml: `<speak> ${reprompt} </speak>` } } } : {}), shouldEndSession: kind === ":tell" },
                  sessionAttributes: attributes,
                };
                if (skill.dynamoDBTableName) void delayedEffect(log, 5, `dynamodb.put:${skill.dynamoDBTableName}:${JSON.stringify(attributes)}`, () => undefined);
                answer(null, response);
              },
            });
          } catch (e) {
            return answer(e);
          }
        },
      };
      return skill;
    },
  };
}

const launch = { request: { type: "LaunchRequest" }, session: {} };
const help = { request: { type: "IntentRequest", intent: { name: "AMAZON.HelpIntent" } }, session: {} };
const unknown = { request: { type: "IntentRequest", intent: { name: "AMAZON.StopIntent" } }, session: {} };

const speech = (text: string) => ({ type: "SSML", ssml: `<speak> ${text} </speak>` });
const ok = (result: unknown): Outcome => ({ status: "ok", result });

async function runOnce(code: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // A fresh copy each run: v1 writes the session attributes into the event.
  return invoke({ code, fileName: "index.js", event: structuredClone(event), runtime, modules: { log, "alexa-sdk": alexaSdkV1(log), "./answers": { greeting: "Hello" } }, serializeResult: true, timeoutMs: 500 });
}

describe("unseen4: alexa-sdk v1 handed the callback converts, old runtime vs Node.js 24", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  const SCENARIOS: { name: string; event: unknown; outcome: Outcome }[] = [
    { name: "LaunchRequest (:tell)", event: launch, outcome: ok({ version: "1.0", response: { outputSpeech: speech("Here is a fact"), shouldEndSession: true }, sessionAttributes: {} }) },
    {
      name: "HelpIntent (:ask)",
      event: help,
      outcome: ok({ version: "1.0", response: { outputSpeech: speech("Ask me for a fact"), reprompt: { outputSpeech: speech("What can I help you with?") }, shouldEndSession: false }, sessionAttributes: {} }),
    },
    { name: "no handler, no Unhandled: v1's error answer", event: unknown, outcome: { status: "error", error: { name: "Error", message: "No handler function was defined for event AMAZON.StopIntent and no 'Unhandled' function was defined." } } },
  ];
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const expected = { ...s.outcome, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
      expect(await runOnce(read("alexa-sdk-v1", "callback.input.js"), s.event, "legacy")).toEqual(expected);
      expect((await runOnce(read("alexa-sdk-v1", "callback.input.js"), s.event, "node24")).status).toBe("refused");
      expect(await runOnce(read("alexa-sdk-v1", "callback.output.js"), s.event, "node24")).toEqual(expected);
    });
  }

  it("an intent handler's this.context.succeed (Dialog.Delegate) answers on the old runtime, and breaks the naive conversion on Node.js 24 (reported instead)", async () => {
    const input = read("alexa-sdk-v1", "delegate.input.js");
    const planning = { request: { type: "IntentRequest", intent: { name: "PlanTrip" }, dialogState: "STARTED" }, session: {} };
    const delegate = { version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } };
    expect(await runOnce(input, planning, "legacy")).toEqual({ ...ok(delegate), effectsAtSettle: [], lateEffects: [], unhandledRejections: [] });
    const naive = input
      .replace("exports.handler = function (event, context, callback) {", "exports.handler = async function (event, context) {\n  return new Promise((resolve, reject) => {")
      .replace("Alexa.handler(event, context, callback)", "Alexa.handler(event, context, (err, result) => (err != null ? reject(err) : resolve(result)))")
      .replace("  alexa.execute();\n};", "  alexa.execute();\n  });\n};");
    expect(naive).toContain("resolve(result)");
    expect(await runOnce(naive, planning, "node24")).toMatchObject({ status: "error", error: { name: "TypeError" } });
  });

  it("given only the context, v1 answers through context.succeed: right on the old runtime, broken on Node.js 24 as it is (settle now converts it: legacy-alexav1.test.ts)", async () => {
    const input = read("package-handoff", "skill.input.js");
    const expected = { ...ok({ version: "1.0", response: { outputSpeech: speech("Hello"), shouldEndSession: true }, sessionAttributes: {} }), effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
    expect(await runOnce(input, launch, "legacy")).toEqual(expected);
    expect(await runOnce(input, launch, "node24")).toMatchObject({ status: "error", error: { name: "TypeError" } });
  });
});
