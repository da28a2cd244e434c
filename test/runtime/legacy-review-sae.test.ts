/**
 * Review of serverless-app-examples, aws-serverless-workshops and serverless-express (issue 11): reduced
 * shapes of converted sites read as faithful (notes/review-sae.md), run as the other legacy-shape cases are:
 * the fixture's original under the old runtime, its output under Node.js 24 rules, equal answers, errors
 * and effects (before the answer and late), the answer read whole (serialized, undefined sent as null).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callFromIo, createEffectLog, delayedEffect, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
type NodeCallback = (err: unknown, value?: unknown) => void;

interface Scenario {
  exportName: string;
  event: unknown;
  outcome: Outcome;
  effects: string[];
  late?: string[];
  rejections?: string[];
}

const DIR = path.join(FIXTURES, "callback-handlers", "review-sae");
const INPUT = readFileSync(path.join(DIR, "handler.input.js"), "utf8");
const OUTPUT = readFileSync(path.join(DIR, "handler.output.js"), "utf8");

/** db.load (a promise), db.get (node-style, from a promise job), audit.note, and zlib.gunzip calling back from I/O. */
function fakes(log: EffectLog): Record<string, unknown> {
  const item = (id: string) => {
    if (id === "broken") throw new Error("db down");
    return { id, text: "hello" };
  };
  const services = {
    db: {
      load: (id: string) => delayedEffect(log, 5, `db.load:${id}`, () => item(id)),
      get: (id: string, cb: NodeCallback) => void delayedEffect(log, 5, `db.get:${id}`, () => item(id)).then((v) => cb(null, v), (e) => cb(e)),
    },
    audit: { note: (what: string) => log.record(`note:${what}`) },
  };
  const zlib = {
    gunzip: (payload: Buffer, cb: NodeCallback) => void trackPending(log, new Promise<void>((done) => setTimeout(() => {
      log.record("zlib.gunzip");
      const text = payload.toString("utf8");
      callFromIo(log, () => (text.startsWith("!") ? cb(Object.assign(new Error("incorrect header check"), { code: "Z_DATA_ERROR" })) : cb(null, Buffer.from(text, "utf8"))));
      done();
    }, 5))),
  };
  return { log, "./services": services, zlib };
}

function wire(o: InvocationOutcome): InvocationOutcome {
  return o.status === "ok" && o.result === undefined ? { ...o, result: null } : o;
}

async function runOnce(code: string, s: Scenario, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return wire(await invoke({ code, fileName: "handler.js", exportName: s.exportName, event: s.event, runtime, modules: fakes(log), serializeResult: true }));
}

const ok = (result: unknown): Outcome => ({ status: "ok", result });
const error = (name: string, message: string): Outcome => ({ status: "error", error: { name, message } });
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

const SCENARIOS: Scenario[] = [
  // face-detection (workshops): one face; none (the error, then a TypeError in the .then that the .catch
  // answers again, too late); two (the first error wins over "hidden" and the result); hidden; lookup failed.
  { exportName: "thenCatch", event: { id: "a", found: [{ name: "n" }] }, effects: ["db.load:a"], outcome: ok({ text: "hello", first: "n" }) },
  { exportName: "thenCatch", event: { id: "a", found: [] }, effects: ["db.load:a"], outcome: error("Error", "found 0") },
  { exportName: "thenCatch", event: { id: "a", found: [{ hidden: true }, { name: "m" }] }, effects: ["db.load:a"], outcome: error("Error", "found 2") },
  { exportName: "thenCatch", event: { id: "a", found: [{ hidden: true }] }, effects: ["db.load:a"], outcome: error("Error", "hidden") },
  { exportName: "thenCatch", event: { id: "broken", found: [] }, effects: ["db.load:broken"], outcome: error("Error", "lookup failed") },
  // cloudfront-redirect-unauthenticated-users: the first answer wins, a throw after it changes nothing.
  { exportName: "firstWins", event: { session: "s1" }, effects: [], outcome: ok({ pass: "s1" }) },
  { exportName: "firstWins", event: { headers: { host: [{ value: "example.com" }] } }, effects: [], outcome: ok({ redirect: "https://example.com/signin" }) },
  { exportName: "firstWins", event: {}, effects: [], outcome: error("TypeError", "Cannot read properties of undefined (reading 'host')") },
  // alexa-smart-home-skill-adapter's handleDiscovery: an error, then the helper runs on and calls back again.
  { exportName: "handedHelper", event: { kind: "discover", token: " t1 " }, effects: ["note:discovered for t1"], outcome: ok({ devices: ["t1"] }) },
  { exportName: "handedHelper", event: { kind: "discover", token: "bad" }, effects: ["note:discovered for bad"], outcome: error("Error", "invalid token") },
  { exportName: "handedHelper", event: { kind: "discover" }, effects: [], outcome: error("TypeError", "Cannot read properties of undefined (reading 'trim')") },
  { exportName: "handedHelper", event: { kind: "query" }, effects: [], outcome: error("Error", "unsupported query") },
  // microservice-http-endpoint / slack-echo-command: `done` answers every error as a 400 response.
  { exportName: "doneWrapper", event: { method: "GET", id: "a" }, effects: ["db.get:a"], outcome: ok({ statusCode: "200", body: JSON.stringify({ id: "a", text: "hello" }) }) },
  { exportName: "doneWrapper", event: { method: "GET", id: "broken" }, effects: ["db.get:broken"], outcome: ok({ statusCode: "400", body: "db down" }) },
  { exportName: "doneWrapper", event: { method: "PATCH" }, effects: [], outcome: ok({ statusCode: "400", body: 'Unsupported method "PATCH"' }) },
  // cloudwatch-logs-process-data: gunzip's error, its result, and a throw reading the parsed payload in its callback (uncaught, from I/O, in both).
  { exportName: "gunzip", event: { data: b64(JSON.stringify({ logEvents: [1, 2] })) }, effects: ["zlib.gunzip"], outcome: ok("Successfully processed 2 log events.") },
  { exportName: "gunzip", event: { data: b64("!not gzip") }, effects: ["zlib.gunzip"], outcome: error("Error", "incorrect header check") },
  { exportName: "gunzip", event: { data: b64("{}") }, effects: ["zlib.gunzip"], outcome: error("TypeError", "Cannot read properties of undefined (reading 'length')") },
];

describe("review-sae: converted shapes of serverless-app-examples / workshops, old runtime vs Node.js 24", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  SCENARIOS.forEach((s, i) => {
    it(`${s.exportName} #${i + 1} ${JSON.stringify(s.event).slice(0, 60)}`, async () => {
      const expected = { ...s.outcome, effectsAtSettle: s.effects, lateEffects: s.late ?? [], unhandledRejections: s.rejections ?? [] };
      const old = await runOnce(INPUT, s, "legacy");
      expect(old).toEqual(expected);
      // The original has three parameters: Node.js 24 refuses it.
      expect((await runOnce(INPUT, s, "node24")).status).toBe("refused");
      const after = await runOnce(OUTPUT, s, "node24");
      expect(after).toEqual(expected);
    });
  });
});
