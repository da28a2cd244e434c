/**
 * Behavioural tests for the callback-handlers transform (DESIGN.md 6, "runtime tests"): each
 * fixture's original runs under the old runtime (callback, context.succeed/fail/done, waiting for
 * the event loop after callback(null, x)), its rewritten output (the fixture's .output file, which
 * the fixture runner proves the transform produces) under Node.js 24 (no callback, no
 * succeed/fail/done, handlers of three or more parameters refused). Results, errors and side
 * effects must match (results as the runtime sent them: serialized when it answered, as the RIC does,
 * so a callback that changes the object afterwards shows); the original must fail on Node.js 24. A case with a `.transforms` file (e.g.
 * `callback-handlers,callback-apis`) has the output of those transforms run together.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as timersPromises from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { delayedEffect, createEffectLog, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;

interface Scenario {
  exportName: string;
  event: unknown;
  /** What both runtimes answer. */
  outcome: Outcome;
  /** Effects that landed before the old runtime answered (and before Node.js 24 answers). */
  effects: string[];
  /** Effects that escaped the old invocation (callback(err), context.succeed do not wait) and now land inside it. */
  escaped?: string[];
  /** How the original fares on Node.js 24: refused at init, or a TypeError from context.succeed/fail/done. */
  was: "refused" | "TypeError";
}

/** Stand-ins for the modules the fixtures require; each records its effect when its work completes. */
function fakes(log: EffectLog): Record<string, unknown> {
  const later = <T>(ms: number, effect: string, value: () => T): Promise<T> => delayedEffect(log, ms, effect, value);
  const nodeStyle = <T>(promise: Promise<T>, cb: (err: unknown, value?: T) => void) => void promise.then((v) => cb(null, v), (e) => cb(e));
  const fail = (message: string, extra: object = {}) => { throw Object.assign(new Error(message), extra); };
  const orders = (id: string) => (id === "broken" ? fail("orders down") : { id, status: "shipped", total: 12 });
  return {
    log, // watched by the harness, so tracked work counts as pending in the old runtime
    "aws-sdk": {
      DynamoDB: {
        DocumentClient: class {
          get(params: { Key: { id: string } }, cb: (err: unknown, data?: unknown) => void) {
            const { id } = params.Key;
            nodeStyle(later(5, `dynamo.get:${id}`, () => (id === "broken" ? fail("dynamo down", { statusCode: 503 }) : { Item: { id, text: "hello" } })), cb);
          }
          update(params: { Key: { id: string } }, cb: (err: unknown, data?: unknown) => void) {
            const { id } = params.Key;
            nodeStyle(later(5, `dynamo.update:${id}`, () => (id === "broken" ? fail("dynamo down") : {})), cb);
          }
          delete(params: { Key: { id: string } }) {
            const { id } = params.Key;
            return { promise: () => later(5, `dynamo.delete:${id}`, () => (id === "broken" ? fail("dynamo down") : {})) };
          }
        },
      },
    },
    "./validate": { validate: (item: { name?: unknown }) => typeof item.name === "string" },
    "./payments": {
      processPayment: (orderId: string, amount: number, cb: (err: unknown, value?: unknown) => void) =>
        nodeStyle(later(5, `payment:${orderId}:${amount}`, () => (amount > 1000 ? fail("card declined") : { receipt: `r-${orderId}` })), cb),
    },
    "./orders": {
      lookupOrder: (id: string, cb: (err: unknown, value?: unknown) => void) => nodeStyle(later(5, `order:${id}`, () => orders(id)), cb),
      loadOrder: (id: string, cb: (err: unknown, value?: unknown) => void) => nodeStyle(later(5, `order:${id}`, () => orders(id)), cb),
    },
    "./s3": {
      getObject: (params: { Key: string }, cb: (err: unknown, value?: unknown) => void) =>
        nodeStyle(later(5, `s3.get:${params.Key}`, () => (params.Key === "missing" ? fail("The specified key does not exist.", { name: "NoSuchKey" }) : { ContentLength: 42, ContentType: "image/png" })), cb),
    },
    "./queue": {
      next: (queue: string, cb: (err: unknown, value?: unknown) => void) =>
        nodeStyle(later(5, `queue.next:${queue}`, () => (queue === "broken" ? fail("queue down") : queue === "empty" ? null : { id: "j1" })), cb),
    },
    "./services": {
      note: (what: string) => log.record(`note:${what}`),
      track: (name: string) => later(5, `track:${name}`, () => undefined),
      saveVisit: (p: string) => later(5, `visit:${p}`, () => 7),
      audit: { write: (entry: string) => later(5, `audit:${entry}`, () => undefined) },
    },
    "./users": {
      fetchUser: (id: string, cb: (err: unknown, value?: unknown) => void) =>
        nodeStyle(later(5, `user:${id}`, () => (id === "broken" ? fail("users down") : { id, name: "Ada" })), cb),
    },
    "./images": { resize: (key: string) => later(5, `resize:${key}`, () => `thumb/${key}`) },
    "./app": { app: {} },
    // A path holding "broken" fails; each call records its effect when the write completes.
    fs: (() => {
      const written = (kind: string, file: string) => later(5, `fs.${kind}:${file}`, () => (file.includes("broken") ? fail(`EACCES: ${file}`, { code: "EACCES" }) : undefined));
      return {
        writeFile: (file: string, _data: string, cb: (err: unknown) => void) => nodeStyle(written("write", file), cb),
        appendFile: (file: string, _data: string, cb: (err: unknown) => void) => nodeStyle(written("append", file), cb),
        writeFileSync: (file: string) => log.record(`fs.writeSync:${file}`),
        promises: { writeFile: (file: string) => written("write", file), appendFile: (file: string) => written("append", file) },
      };
    })(),
    "node:timers/promises": timersPromises,
    "@middy/core": (fn: unknown) => fn,
    "@codegenie/serverless-express": () => () => undefined,
  };
}

function fixture(file: string): { input: string; output: string } {
  const [base, ext] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf(".") + 1)];
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "callback-handlers", `${base}.${kind}.${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

async function runOnce(code: string, fileName: string, s: Scenario, runtime: "legacy" | "node24", serializeResult = false): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName, exportName: s.exportName, event: s.event, runtime, modules: fakes(log), serializeResult });
}

const ok = (result: unknown): Outcome => ({ status: "ok", result });
const error = (name: string, message: string): Outcome => ({ status: "error", error: { name, message } });
const jsonParseError = (() => { try { JSON.parse("{"); } catch (e) { return (e as Error).message; } })()!;

const CASES: Record<string, Scenario[]> = {
  "standard-style.js": [
    { exportName: "user", event: {}, was: "refused", effects: [], outcome: error("string", "handled") },
    { exportName: "user", event: { id: "u1" }, was: "refused", effects: ["user:u1"], outcome: ok({ name: "Ada" }) },
    { exportName: "user", event: { id: "broken" }, was: "refused", effects: ["user:broken"], outcome: error("Error", "users down") },
    { exportName: "log", event: {}, was: "refused", effects: [], outcome: ok("logged") },
  ],
  "serverless-template.js": [
    {
      exportName: "hello", event: { q: 1 }, was: "refused", effects: [],
      outcome: ok({ statusCode: 200, body: JSON.stringify({ message: "Go Serverless v1.0! Your function executed successfully!", input: { q: 1 } }, null, 0) }),
    },
  ],
  "error-first.js": [
    { exportName: "create", event: {}, was: "refused", effects: [], outcome: error("Error", "missing body") },
    { exportName: "create", event: { body: "{" }, was: "refused", effects: [], outcome: error("SyntaxError", jsonParseError) },
    { exportName: "create", event: { body: '{"x":1}' }, was: "refused", effects: [], outcome: error("string", "invalid item") },
    { exportName: "create", event: { body: '{"name":"a"}' }, was: "refused", effects: [], outcome: ok({ statusCode: 201, body: '{"name":"a"}' }) },
    { exportName: "route", event: { action: "ping" }, was: "refused", effects: [], outcome: ok("pong") },
    { exportName: "route", event: { action: "noop" }, was: "refused", effects: [], outcome: ok(undefined) },
    { exportName: "route", event: { action: "jump" }, was: "refused", effects: [], outcome: error("Error", "unknown action jump") },
    { exportName: "check", event: { ok: true }, was: "refused", effects: [], outcome: ok(undefined) },
    { exportName: "check", event: { error: "bad input" }, was: "refused", effects: [], outcome: error("string", "bad input") },
    { exportName: "check", event: {}, was: "refused", effects: [], outcome: ok(null) },
    { exportName: "ping", event: {}, was: "refused", effects: [], outcome: ok({ pong: true }) },
    { exportName: "refuse", event: {}, was: "refused", effects: [], outcome: error("Error", "not today") },
  ],
  "control-flow.js": [
    { exportName: "validate", event: { Records: [{ body: "", messageId: "m1" }] }, was: "refused", effects: [], outcome: error("Error", "empty record m1") },
    { exportName: "validate", event: { Records: [{ body: "x".repeat(1001) }] }, was: "refused", effects: [], outcome: ok({ accepted: false, total: 1001 }) },
    { exportName: "validate", event: { Records: [{ body: "ab" }, { body: "c" }] }, was: "refused", effects: [], outcome: ok({ accepted: true, total: 3 }) },
    { exportName: "kind", event: { value: 1 }, was: "refused", effects: [], outcome: ok("number") },
    { exportName: "kind", event: { value: "" }, was: "refused", effects: [], outcome: ok("empty string") },
    { exportName: "kind", event: { value: "a" }, was: "refused", effects: [], outcome: ok("string") },
    { exportName: "kind", event: { value: true }, was: "refused", effects: [], outcome: error("TypeError", "unexpected boolean") },
    { exportName: "parse", event: { body: '{"id":"x"}' }, was: "refused", effects: [], outcome: ok("x") },
    { exportName: "parse", event: { body: "{}" }, was: "refused", effects: [], outcome: error("Error", "id required") },
    { exportName: "parse", event: { body: "{" }, was: "refused", effects: [], outcome: error("SyntaxError", jsonParseError) },
  ],
  "context-methods.js": [
    { exportName: "legacy", event: {}, was: "TypeError", effects: [], outcome: error("Error", "name required") },
    { exportName: "legacy", event: { name: "nobody" }, was: "TypeError", effects: [], outcome: error("string", "handled") },
    { exportName: "legacy", event: { name: "Ada" }, was: "TypeError", effects: [], outcome: ok({ greeting: "Hello, Ada" }) },
    { exportName: "done", event: { error: "no" }, was: "TypeError", effects: [], outcome: error("string", "no") },
    { exportName: "done", event: { payload: 1 }, was: "TypeError", effects: [], outcome: ok({ echoed: 1 }) },
    { exportName: "reason", event: {}, was: "TypeError", effects: [], outcome: error("string", "handled") },
    { exportName: "reason", event: { reason: "why" }, was: "TypeError", effects: [], outcome: error("string", "why") },
  ],
  "dynamodb-crud.js": [
    { exportName: "get", event: { pathParameters: { id: "a" } }, was: "refused", effects: ["dynamo.get:a"], outcome: ok({ statusCode: 200, body: '{"id":"a","text":"hello"}' }) },
    {
      exportName: "get", event: { pathParameters: { id: "broken" } }, was: "refused", effects: ["dynamo.get:broken"],
      outcome: ok({ statusCode: 503, headers: { "Content-Type": "text/plain" }, body: "Couldn't fetch the item." }),
    },
    { exportName: "update", event: { pathParameters: { id: "a" }, body: '{"text":1}' }, was: "refused", effects: [], outcome: ok({ statusCode: 400, body: "Couldn't update the item." }) },
    {
      exportName: "update", event: { pathParameters: { id: "a" }, body: '{"text":"t"}' }, was: "refused", effects: ["dynamo.update:a", "dynamo.get:a"],
      outcome: ok({ statusCode: 200, body: '{"id":"a","text":"hello"}' }),
    },
    { exportName: "update", event: { pathParameters: { id: "broken" }, body: '{"text":"t"}' }, was: "refused", effects: ["dynamo.update:broken"], outcome: error("Error", "dynamo down") },
    { exportName: "remove", event: { pathParameters: { id: "a" } }, was: "refused", effects: ["dynamo.delete:a"], outcome: ok({ statusCode: 204 }) },
    { exportName: "remove", event: { pathParameters: { id: "broken" } }, was: "refused", effects: ["dynamo.delete:broken"], outcome: error("Error", "dynamo down") },
  ],
  "helper-handoff.js": [
    { exportName: "pay", event: { body: '{"amount":5}' }, was: "refused", effects: [], outcome: error("Error", "orderId required") },
    { exportName: "pay", event: { body: '{"orderId":"o1","amount":5}' }, was: "refused", effects: ["payment:o1:5"], outcome: ok({ receipt: "r-o1" }) },
    { exportName: "pay", event: { body: '{"orderId":"o1","amount":5000}' }, was: "refused", effects: ["payment:o1:5000"], outcome: error("Error", "card declined") },
    { exportName: "order", event: { pathParameters: { id: "o7" } }, was: "refused", effects: ["order:o7"], outcome: ok({ id: "o7", status: "shipped", total: 12 }) },
  ],
  "reindent.js": [
    {
      exportName: "handler", event: { Records: [{ s3: { object: { key: "cat.png" } } }] }, was: "refused", effects: ["s3.get:cat.png"],
      // A template literal reads CRLF line breaks as LF.
      outcome: ok("object cat.png\nsize 42\n\ttype image/png"),
    },
    {
      exportName: "handler", event: { Records: [{ s3: { object: { key: "missing" } } }] }, was: "refused", effects: ["s3.get:missing"],
      outcome: error("NoSuchKey", "The specified key does not exist."),
    },
  ],
  "serverless-config/src/jobs.js": [
    { exportName: "run", event: { queue: "jobs" }, was: "refused", effects: ["queue.next:jobs"], outcome: ok({ ran: "j1" }) },
    { exportName: "run", event: { queue: "empty" }, was: "refused", effects: ["queue.next:empty"], outcome: ok({ idle: true }) },
    { exportName: "run", event: { queue: "broken" }, was: "refused", effects: ["queue.next:broken"], outcome: error("Error", "queue down") },
  ],
  "typed-handlers/handlers.ts": [
    { exportName: "getOrder", event: { pathParameters: {} }, was: "refused", effects: [], outcome: ok({ statusCode: 400, body: "id required" }) },
    {
      exportName: "getOrder", event: { pathParameters: { id: "o1" } }, was: "refused", effects: ["order:o1"],
      outcome: ok({ statusCode: 200, body: '{"id":"o1","status":"shipped","total":12}' }),
    },
    { exportName: "getOrder", event: { pathParameters: { id: "broken" } }, was: "refused", effects: ["order:broken"], outcome: error("Error", "orders down") },
    { exportName: "health", event: { path: "/h" }, was: "refused", effects: [], outcome: ok({ statusCode: 200, body: "ok settle-test /h" }) },
    { exportName: "count", event: { Records: [{}, {}] }, was: "refused", effects: [], outcome: ok({ processed: 2 }) },
    { exportName: "sqs", event: { Records: [{ body: "x", messageId: "m1" }] }, was: "refused", effects: [], outcome: ok(undefined) },
    { exportName: "sqs", event: { Records: [{ body: "", messageId: "m2" }] }, was: "refused", effects: [], outcome: error("Error", "empty message m2") },
  ],
  "work-alongside/handler.ts": [
    { exportName: "handler", event: { path: "/a" }, was: "refused", effects: ["track:visit /a", "visit:/a"], outcome: ok({ statusCode: 200, body: "thanks" }) },
    { exportName: "after", event: { path: "/a" }, was: "refused", effects: ["audit:served /a"], outcome: ok({ statusCode: 200, body: "/a" }) },
    { exportName: "computed", event: { path: "/a" }, was: "refused", effects: ["track:computed"], outcome: ok({ statusCode: 200, body: "/A" }) },
    // callback(err) ended the old invocation at once: the tracking escaped it, and now lands inside.
    { exportName: "failed", event: { path: "/a" }, was: "refused", effects: [], escaped: ["track:failed"], outcome: error("Error", "no route for /a") },
  ],
  "async-handlers/handlers.ts": [
    {
      exportName: "thumbnail", event: { Records: [{ s3: { object: { key: "a.png" } } }, { s3: { object: { key: "b.png" } } }] }, was: "refused",
      effects: ["resize:a.png", "resize:b.png"], outcome: ok(["thumb/a.png", "thumb/b.png"]),
    },
    { exportName: "legacyArity", event: {}, was: "refused", effects: [], outcome: ok({ ok: true }) },
    { exportName: "mixed", event: { key: "k" }, was: "refused", effects: ["resize:k"], outcome: ok({ url: "thumb/k" }) },
  ],
  "wrappers.ts": [
    { exportName: "logged", event: { name: "Ada" }, was: "refused", effects: [], outcome: ok("hi Ada") },
  ],
  // callback-handlers and callback-apis together: the timer or callback API the old runtime waited for is awaited.
  "with-callback-apis.js": [
    { exportName: "delayed", event: {}, was: "refused", effects: ["note:start", "note:flushed"], outcome: ok("ok") },
    // The write's callback mutates the result; the old runtime serialized it once the loop was empty.
    { exportName: "spool", event: { id: "a" }, was: "refused", effects: ["fs.write:/tmp/a.json", "note:spooled"], outcome: ok({ id: "a", spooled: true }) },
    {
      exportName: "spool", event: { id: "broken" }, was: "refused", effects: ["fs.write:/tmp/broken.json", "note:spool failed"],
      outcome: ok({ id: "broken", spooled: false }),
    },
    { exportName: "answerFirst", event: {}, was: "refused", effects: [], outcome: error("Error", "id required") },
    { exportName: "answerFirst", event: { id: "x" }, was: "refused", effects: ["note:after answer"], outcome: ok({ id: "x" }) },
  ],
  "with-callback-apis-typed.ts": [
    { exportName: "handler", event: { Records: [{ messageId: "m1" }, { messageId: "m2" }] }, was: "refused", effects: ["fs.append:/tmp/batches.log"], outcome: ok({ batch: 2 }) },
    { exportName: "warm", event: {}, was: "refused", effects: ["fs.writeSync:/tmp/warm"], outcome: ok(undefined) },
  ],
};

describe("callback-handlers at runtime: the old runtime's results, on Node.js 24", () => {
  // The handlers log what they do; the sandbox shares this realm's console.
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  for (const [file, scenarios] of Object.entries(CASES)) {
    describe(file, () => {
      const { input, output } = fixture(file);
      const fileName = path.basename(file);
      scenarios.forEach((s, i) => {
        it(`${s.exportName} #${i + 1} ${JSON.stringify(s.event).slice(0, 60)}`, async () => {
          const old = await runOnce(input, fileName, s, "legacy", true);
          expect(old).toEqual({ ...s.outcome, effectsAtSettle: s.effects, lateEffects: s.escaped ?? [], unhandledRejections: [] });

          const before = await runOnce(input, fileName, s, "node24");
          if (s.was === "refused") expect(before.status).toBe("refused");
          else expect(before).toMatchObject({ status: "error", error: { name: "TypeError" } });

          const after = await runOnce(output, fileName, s, "node24", true);
          expect(after).toEqual({ ...s.outcome, effectsAtSettle: [...s.effects, ...(s.escaped ?? [])], lateEffects: [], unhandledRejections: [] });
        });
      });
    });
  }
});

/**
 * with-callback-apis.js keeps `counted`, `noWait` and `logged` callback-style (blocking findings) although
 * callback-apis is in the run: what awaiting them where they stand would give is written out here,
 * and it does not behave as the old runtime did.
 */
describe("callback-handlers with callback-apis: what awaiting would change, so it is reported", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());
  const { input } = fixture("with-callback-apis.js");
  const awaited = `const { note } = require("./services");
exports.counted = async (event, context) => {
  let count = 0;
  await new Promise((resolve) => setTimeout(resolve, 10));
  count += 1;
  return { count };
};
exports.noWait = async (event, context) => {
  const state = { flushed: false };
  const result = state;
  await new Promise((resolve) => setTimeout(resolve, 5));
  state.flushed = true;
  return result;
};
exports.logged = async (event, context) => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  note("timer");
  note("sync");
  return "ok";
};
`;
  const scenario = (exportName: string): Scenario => ({ exportName, event: {}, was: "refused", effects: [], outcome: ok(undefined) });

  it("counted: the answer was computed before the timer's callback ran; awaited, after it", async () => {
    const old = await runOnce(input, "with-callback-apis.js", scenario("counted"), "legacy");
    expect(old).toMatchObject({ status: "ok", result: { count: 0 } });
    const rewritten = await runOnce(awaited, "with-callback-apis.js", scenario("counted"), "node24");
    expect(rewritten).toMatchObject({ status: "ok", result: { count: 1 } });
  });

  it("noWait: with the wait off the old runtime sent the object before the timer changed it; awaited, after", async () => {
    // The answer as the runtime sent it (serialized then), not the object as it is after the grace period.
    const old = await runOnce(input, "with-callback-apis.js", scenario("noWait"), "legacy", true);
    expect(old).toMatchObject({ status: "ok", result: { flushed: false } });
    const rewritten = await runOnce(awaited, "with-callback-apis.js", scenario("noWait"), "node24", true);
    expect(rewritten).toMatchObject({ status: "ok", result: { flushed: true } });
  });

  it("logged: the code after the timer ran before its callback; awaited, after it", async () => {
    const old = await runOnce(input, "with-callback-apis.js", scenario("logged"), "legacy");
    expect(old.effectsAtSettle).toEqual(["note:sync", "note:timer"]);
    const rewritten = await runOnce(awaited, "with-callback-apis.js", scenario("logged"), "node24");
    expect(rewritten.effectsAtSettle).toEqual(["note:timer", "note:sync"]);
  });
});
