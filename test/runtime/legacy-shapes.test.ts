/**
 * Behavioural tests for the legacy shapes callback-handlers converts since issue 11 (points 1, 3, 4
 * and 5): context.succeed/fail/done in handlers of any arity, the callback and context.succeed/fail/done
 * handed on as values, paths that end without calling back, and a callback called more than once.
 * Each fixture's original runs under the old runtime (callback, context.succeed/fail/done, waiting for
 * the event loop, null when a path ends without calling back), its .output under Node.js 24 rules (no
 * callback, no succeed/fail/done, three or more parameters refused). Answers are compared as the
 * runtime sends them: serialized, and undefined sent as null (the RIC posts `null` for both).
 */
import { existsSync, readFileSync } from "node:fs";
import vm from "node:vm";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EventEmitter } from "node:events";
import { callFromIo, delayedEffect, createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { fakeHttps } from "../helpers/fake-https.js";

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;

interface Scenario {
  exportName: string;
  event: unknown;
  outcome: Outcome;
  /** Effects that landed before the answer, in both runtimes. */
  effects: string[];
  /** Effects after the answer, in both runtimes (context.succeed answered at once, as resolve does). */
  late?: string[];
  /**
   * How the original fares on Node.js 24: refused at init (three parameters), a TypeError from
   * context.succeed/fail/done called in the handler's own flow, or a wrong early answer (the handler
   * returned before its nested context.succeed, which then throws).
   */
  was: "refused" | "TypeError" | "wrong";
  /** With `was: "wrong"`: the effects of the handler's synchronous part, which landed before that early null (none unless given). */
  syncEffects?: string[];
  /** Unhandled rejections the runtime saw (each one fails the invocation unless it was answered, then exits). */
  rejections?: string[];
}

type NodeCallback = (err: unknown, value?: unknown) => void;

/** The real `async` package (a dev dependency), for the fixtures that use its control flow. */
const ASYNC_LIBRARY = createRequire(import.meta.url)("async") as unknown;

/** Stand-ins for the modules the fixtures import; each records its effect when its work completes. */
function fakes(log: EffectLog): Record<string, unknown> {
  const later = <T>(ms: number, effect: string, value: () => T): Promise<T> => delayedEffect(log, ms, effect, value);
  const nodeStyle = <T>(promise: Promise<T>, cb: NodeCallback) => void promise.then((v) => cb(null, v), (e) => cb(e));
  const fail = (message: string, extra: object = {}) => { throw Object.assign(new Error(message), extra); };
  const item = (id: string) => (id === "broken" ? fail("db down") : { id, text: "hello" });
  // A node-style API that calls back from I/O (an AWS SDK v2 response): a throw in its callback is an uncaughtException.
  const io = {
    get: (id: string, cb: NodeCallback) => void trackPending(log, new Promise<void>((done) => setTimeout(() => {
      log.record(`io.get:${id}`);
      callFromIo(log, () => (id === "broken" ? cb(new Error("db down")) : cb(null, { id, text: "hello" })));
      done();
    }, 5))),
  };
  const services = {
    io,
    db: {
      get: (id: string, cb: NodeCallback) => nodeStyle(later(5, `db.get:${id}`, () => item(id)), cb),
      load: (id: string) => later(5, `db.load:${id}`, () => item(id)),
    },
    api: { get: (p: string, cb: NodeCallback) => nodeStyle(later(5, `api.get:${p}`, () => (p === "/broken" ? fail("502 from upstream") : { path: p, status: 200 })), cb) },
    audit: { note: (what: string) => log.record(`note:${what}`) },
  };
  const S3 = class {
    getObject(params: { Key: string }, cb: NodeCallback) {
      nodeStyle(later(5, `s3.get:${params.Key}`, () => (params.Key === "missing" ? fail("The specified key does not exist.", { name: "NoSuchKey" }) : { ContentLength: 42 })), cb);
    }
  };
  const Lambda = class {
    invoke(params: { FunctionName: string; Payload: string }, cb: NodeCallback) {
      nodeStyle(later(5, `lambda.invoke:${params.FunctionName}`, () => ({ StatusCode: 200, Payload: params.Payload })), cb);
    }
  };
  const APIGateway = class {
    deleteRestApi(params: { restApiId: string }, cb: NodeCallback) {
      nodeStyle(later(5, `apigateway.delete:${params.restApiId}`, () => ({})), cb);
    }
  };
  const dynamo = {
    putItem: (params: { message: string }, cb: NodeCallback) => nodeStyle(later(5, `db.put:${params.message}`, () => (params.message === "broken" ? fail("db down") : params)), cb),
    getItem: (params: { id: string }, cb: NodeCallback) => services.db.get(params.id, cb),
  };
  // https.request as a CloudFormation response PUT: the response callback, or an "error" event for /broken.
  const cfnPut = {
    request(options: { path: string }, onResponse: (response: { statusCode: number }) => void) {
      const listeners: Record<string, (e: unknown) => void> = {};
      return {
        on: (name: string, fn: (e: unknown) => void) => void (listeners[name] = fn),
        write: () => undefined,
        end: () => void later(5, `https.put:${options.path}`, () => options.path).then((p) => (p === "/broken" ? listeners.error?.(new Error("socket hang up")) : onResponse({ statusCode: 200 }))),
      };
    },
  };
  const plain = fakeHttps(log);
  // A CloudFormation response (a PUT to the ResponseURL) is answered by cfnPut, every other request by fakeHttps.
  const https = {
    ...plain,
    request: (target: string | { path?: string; method?: string }, onResponse?: (res: EventEmitter) => void) =>
      typeof target === "object" && target.method === "PUT" ? cfnPut.request(target as { path: string }, onResponse as unknown as (response: { statusCode: number }) => void) : plain.request(target, onResponse),
  };
  return { log, async: ASYNC_LIBRARY, https, "node:https": https, "claudia-bot-builder": (fn: unknown) => fn, "./db": dynamo, "./services": services, "./services.js": services, "./services.mjs": services, "aws-sdk": { S3, Lambda, APIGateway } };
}

function fixture(file: string): { input: string; output: string } {
  const [base, ext] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf(".") + 1)];
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "callback-handlers", `${base}.${kind}.${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

/** The answer as the runtime sends it: undefined and null are both sent as null. */
function wire(o: InvocationOutcome): InvocationOutcome {
  return o.status === "ok" && o.result === undefined ? { ...o, result: null } : o;
}

async function runOnce(code: string, fileName: string, s: Scenario, runtime: "legacy" | "node24", early = false): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // .mjs is compiled as .js: the harness loads CommonJS, and TypeScript keeps .mjs files ESM.
  // `early`: a run that answers before its work is done waits for that work (up to 1 s), so the TypeError a
  // late context call raises is this run's, not the next one's (on a loaded machine it came after 50 ms).
  return wire(await invoke({ code, fileName: fileName.replace(/\.mjs$/, ".js"), exportName: s.exportName, event: s.event, runtime, modules: fakes(log), serializeResult: true, ...(early ? { graceMs: 1000, graceUntilDrained: true } : {}) }));
}

const ok = (result: unknown): Outcome => ({ status: "ok", result });
const error = (name: string, message: string): Outcome => ({ status: "error", error: { name, message } });
const ITEM = { id: "a", text: "hello" };

const CASES: Record<string, Scenario[]> = {
  "legacy-shapes.js": [
    { exportName: "nested", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "nested", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
    { exportName: "chain", event: { id: "a" }, was: "wrong", effects: ["db.load:a"], outcome: ok({ found: ITEM }) },
    { exportName: "chain", event: { id: "broken" }, was: "wrong", effects: ["db.load:broken"], outcome: error("Error", "db down") },
    { exportName: "chainRefs", event: { id: "a" }, was: "wrong", effects: ["db.load:a"], outcome: ok(ITEM) },
    { exportName: "chainRefs", event: { id: "broken" }, was: "wrong", effects: ["db.load:broken"], outcome: error("Error", "db down") },
    { exportName: "getObject", event: { key: "cat.png" }, was: "wrong", effects: ["s3.get:cat.png"], outcome: ok({ ContentLength: 42 }) },
    { exportName: "getObject", event: { key: "missing" }, was: "wrong", effects: ["s3.get:missing"], outcome: error("NoSuchKey", "The specified key does not exist.") },
    { exportName: "invoke", event: { key: "k" }, was: "wrong", effects: ["lambda.invoke:resize"], outcome: ok({ StatusCode: 200, Payload: "k" }) },
    { exportName: "catchCallback", event: { id: "a" }, was: "refused", effects: ["db.load:a"], outcome: ok({ found: ITEM }) },
    { exportName: "catchCallback", event: { id: "broken" }, was: "refused", effects: ["db.load:broken"], outcome: error("Error", "db down") },
    { exportName: "apiGet", event: { path: "/x" }, was: "refused", effects: ["api.get:/x"], outcome: ok({ path: "/x", status: 200 }) },
    { exportName: "apiGet", event: { path: "/broken" }, was: "refused", effects: ["api.get:/broken"], outcome: error("Error", "502 from upstream") },
    { exportName: "quiet", event: { id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok(ITEM) },
    // The path without a callback: null once the loop was empty, then; undefined (sent as null) now.
    { exportName: "quiet", event: { id: "broken" }, was: "refused", effects: ["db.get:broken", "note:lookup failed: db down"], outcome: ok(null) },
    { exportName: "twice", event: { early: true }, was: "refused", effects: ["note:after the first call"], outcome: ok("early") },
    { exportName: "twice", event: {}, was: "refused", effects: ["note:after the first call"], outcome: ok("late") },
    { exportName: "ternary", event: { ok: true }, was: "refused", effects: [], outcome: ok("yes") },
    { exportName: "ternary", event: {}, was: "refused", effects: [], outcome: error("Error", "no") },
    { exportName: "succeedThenWork", event: { id: "a" }, was: "TypeError", effects: [], late: ["db.get:a"], outcome: ok("early") },
    { exportName: "succeedThenLog", event: {}, was: "TypeError", effects: ["note:answered"], outcome: ok({ ok: true }) },
  ],
  "legacy-shapes-esm.ts": [
    { exportName: "nested", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "nested", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
    { exportName: "chainRefs", event: { id: "broken" }, was: "wrong", effects: ["db.load:broken"], outcome: error("Error", "db down") },
    { exportName: "getObject", event: { key: "cat.png" }, was: "wrong", effects: ["s3.get:cat.png"], outcome: ok({ ContentLength: 42 }) },
    { exportName: "apiGet", event: { path: "/x" }, was: "refused", effects: ["api.get:/x"], outcome: ok({ path: "/x", status: 200 }) },
    { exportName: "quiet", event: { id: "broken" }, was: "refused", effects: ["db.get:broken"], outcome: ok(null) },
    { exportName: "twice", event: { early: true }, was: "refused", effects: [], outcome: ok("early") },
    { exportName: "ternary", event: {}, was: "refused", effects: [], outcome: error("Error", "no") },
  ],
  // Named functions of the handler that answer through its context: they settle where they are called.
  "local-settlers.js": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken", "note:failed: db down"], outcome: error("Error", "db down") },
    { exportName: "handler", event: {}, was: "TypeError", effects: [], outcome: ok(null) },
    { exportName: "respond", event: { id: "a" }, was: "refused", effects: ["db.get:config"], outcome: ok({ statusCode: 200, body: "a" }) },
    { exportName: "respond", event: {}, was: "refused", effects: ["db.get:config"], outcome: ok({ statusCode: 400, body: "missing id" }) },
  ],
  // awslabs/aws-lambda-redshift-loader: the iteratee of async.map hands its callback to a named function that
  // answers through context.done on one path (failBatch, once per item: the first answer wins, at once in the old
  // runtime as resolve/reject now, and the rest is late in both) and otherwise calls the callback.
  "iteratee-context.js": [
    { exportName: "handler", event: { remaining: 60000, clusters: ["a", "b"] }, was: "wrong", effects: ["db.get:a", "db.get:b"],
      outcome: ok([{ cluster: "a", status: "OK" }, { cluster: "b", status: "OK" }]) },
    { exportName: "handler", event: { remaining: 60000, clusters: ["a", "broken", "direct"] }, was: "wrong",
      effects: ["db.get:a", "db.get:broken", "db.get:direct"],
      outcome: ok([{ cluster: "a", status: "OK" }, { cluster: "broken", status: "ERROR" }, { id: "direct", text: "hello" }]) },
    { exportName: "handler", event: { remaining: 5, clusters: ["a", "b"] }, was: "wrong",
      effects: ["note:failing: remaining 5 insufficient", "note:failing: remaining 5 insufficient", "db.get:batch"],
      late: ["db.get:a", "db.get:batch", "db.get:b"], outcome: error("Error", "remaining 5 insufficient"),
      syncEffects: ["note:failing: remaining 5 insufficient", "note:failing: remaining 5 insufficient"] },
    { exportName: "direct", event: { ids: ["a"] }, was: "wrong", effects: ["db.get:a"], outcome: ok("all loaded") },
    { exportName: "direct", event: { ids: ["a", "stop", "b"] }, was: "wrong", effects: ["db.get:a"], outcome: error("Error", "stopped at stop") },
    { exportName: "direct", event: { ids: ["broken", "b"] }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  "iteratee-context-esm.mjs": [
    { exportName: "handler", event: { ids: ["a", "b"] }, was: "wrong", effects: ["db.get:a", "db.get:b"], outcome: ok({ loaded: ["a", "b"] }) },
    { exportName: "handler", event: { ids: ["stop", "a"] }, was: "TypeError", effects: ["note:failing: stopped at stop"], late: ["db.get:a"],
      outcome: error("Error", "stopped at stop") },
    { exportName: "handler", event: { ids: ["broken", "a"] }, was: "wrong", effects: ["db.get:broken"], late: ["db.get:a"], outcome: error("Error", "db down") },
  ],
  // A nested callback's path that only logs and falls off its end: null once the loop was empty, undefined (sent as null) now.
  "quiet-end.js": [
    { exportName: "logOnly", event: { id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "logOnly", event: { id: "broken" }, was: "refused", effects: ["db.get:broken", "note:lookup failed: db down"], outcome: ok(null) },
  ],
  // An if / else-if chain without the last else: that path answered null once the loop was empty, `else { resolve(); }` now.
  "quiet-else.js": [
    { exportName: "route", event: { type: "get", id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "route", event: { type: "get", id: "broken" }, was: "refused", effects: ["db.get:broken"], outcome: error("Error", "db down") },
    { exportName: "route", event: { type: "end" }, was: "refused", effects: ["note:ended"], outcome: ok(null) },
    { exportName: "route", event: { type: "other" }, was: "refused", effects: [], outcome: ok(null) },
    { exportName: "nested", event: { id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok("hello") },
    { exportName: "nested", event: { id: "skip" }, was: "refused", effects: ["db.get:skip"], outcome: ok(null) },
    { exportName: "nested", event: { id: "broken" }, was: "refused", effects: ["db.get:broken"], outcome: error("Error", "db down") },
    { exportName: "early", event: { skip: true }, was: "refused", effects: ["db.get:skip"], outcome: ok({ id: "skip", text: "hello" }) },
    { exportName: "early", event: {}, was: "refused", effects: [], outcome: ok("direct") },
  ],
  // A `callback()` declared nowhere in scope throws a ReferenceError inside the lookup's callback, before and
  // after: the runtime fails the invocation with it (here an unhandled rejection, as the fake calls back from a
  // promise) and exits.
  "undeclared-call.js": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], rejections: ["callback is not defined"],
      outcome: error("Runtime.UnhandledPromiseRejection", "ReferenceError: callback is not defined") },
  ],
  // An async handler that also calls back: awaited work converts (the forEach one is reported, below).
  "async-foreach-wait.js": [
    { exportName: "awaited", event: { Records: [{ id: "a" }, { id: "b" }] }, was: "refused", effects: ["db.load:a", "db.load:b"], outcome: ok({ status: "Photo Processed" }) },
    { exportName: "awaited", event: { Records: [{ id: "broken" }] }, was: "refused", effects: ["db.load:broken"], outcome: error("Error", "db down") },
  ],
  // A helper given the adapter converts; the one a kept handler (a loop over event.items) hands its context to is reported.
  "kept-handler-helper.js": [
    { exportName: "one", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "one", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  // The flag set in the handler goes with the conversion; the ones outside every handler are only reported.
  "stray-wait-flag.js": [
    { exportName: "handler", event: { id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "handler", event: { id: "broken" }, was: "refused", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  // The CloudFormation custom resource's sendResponse: context.done from the response callback or the "error" listener.
  "cfn-send-response.js": [
    { exportName: "handler", event: { id: "a", ResponseURL: "/cfn" }, was: "wrong", effects: ["db.get:a", "https.put:/cfn"], outcome: ok(null) },
    { exportName: "handler", event: { id: "broken", ResponseURL: "/cfn" }, was: "wrong", effects: ["db.get:broken", "https.put:/cfn"], outcome: ok(null) },
    { exportName: "handler", event: { id: "a", ResponseURL: "/broken" }, was: "wrong", effects: ["db.get:a", "https.put:/broken"], outcome: ok(null) },
  ],
  // A context stored in a module variable (the zombie workshop's ChatServiceLambdaFunctions and CloudFormation
  // handlers): module functions answer through it later; the handler now stores the adapter, inside its promise.
  "stored-context.js": [
    { exportName: "post", event: { message: "hi" }, was: "wrong", effects: ["db.put:hi"], outcome: ok(null) },
    { exportName: "post", event: { message: "broken" }, was: "wrong", effects: ["db.put:broken"], outcome: error("string", "There was an error.") },
    { exportName: "post", event: {}, was: "TypeError", effects: [], outcome: error("string", "Message cannot be null") },
    { exportName: "custom", event: { RequestType: "Create", name: "stack", ResponseURL: "/cfn" }, was: "wrong", effects: ["db.put:stack", "https.put:/cfn"], outcome: ok(null) },
    { exportName: "custom", event: { RequestType: "Create", name: "broken", ResponseURL: "/cfn" }, was: "wrong", effects: ["db.put:broken", "https.put:/cfn"], outcome: ok(null) },
    { exportName: "custom", event: { RequestType: "Delete", ResponseURL: "/broken" }, was: "wrong", effects: ["https.put:/broken"], outcome: ok(null) },
    // A context stored only to be read (`var lambdaContext = context`) does not keep the handler callback-style.
    { exportName: "read", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "read", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  "stored-context-esm.mjs": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ item: ITEM, request: "00000000-0000-4000-8000-000000000000" }) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  "stored-context-typed.ts": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ statusCode: 200, body: JSON.stringify(ITEM) }) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  // A named function answering through context, handed on bound to its first arguments.
  "bound-settler.js": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ prefix: "loaded", id: "a", text: "hello" }) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  "bound-settler-esm.mjs": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ prefix: "loaded", text: "hello" }) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], rejections: ["callback is not defined"],
      outcome: error("Runtime.UnhandledPromiseRejection", "ReferenceError: callback is not defined") },
  ],
  // A failing context.done / callback whose result argument has an effect: evaluated, then the error.
  "failing-result.js": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok(ITEM) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken", "note:db down"], outcome: error("Error", "db down") },
    { exportName: "direct", event: {}, was: "refused", effects: ["note:missing"], outcome: error("Error", "no id") },
    { exportName: "direct", event: { id: "a" }, was: "refused", effects: [], outcome: ok("ok") },
    { exportName: "arrow", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken", "note:arrow"], outcome: error("Error", "db down") },
    { exportName: "trailing", event: {}, was: "refused", effects: ["note:first", "note:after"], outcome: error("Error", "always") },
    { exportName: "built", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ found: true, text: "hello" }) },
    { exportName: "built", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("Error", "db down") },
  ],
  // A listener on the request the handler started (`req.on("error", callback)`): the same request answering another way.
  "request-listener.js": [
    { exportName: "handler", event: { options: { path: "/ok" }, data: { a: 1 } }, was: "refused", effects: ["https:/ok"], outcome: ok('body of /ok <- {"a":1}') },
    { exportName: "handler", event: { options: { path: "/down" }, data: {} }, was: "refused", effects: ["https:/down"], outcome: error("Error", "getaddrinfo ENOTFOUND down") },
    { exportName: "timed", event: { url: "https://example.com/ok" }, was: "refused", effects: ["https:/ok"], outcome: ok({ statusCode: 200 }) },
    { exportName: "timed", event: { url: "https://example.com/down" }, was: "refused", effects: ["https:/down"], outcome: error("Error", "getaddrinfo ENOTFOUND down") },
    { exportName: "timed", event: { url: "https://example.com/slow" }, was: "refused", effects: [], outcome: error("Error", "timed out") },
    { exportName: "guarded", event: { url: "https://example.com/ok" }, was: "refused", effects: ["https:/ok"], outcome: ok("body of /ok") },
    { exportName: "guarded", event: { url: "https://example.com/reset" }, was: "refused", effects: ["https:/reset"], outcome: error("Error", "aborted") },
    { exportName: "guarded", event: { url: "https://example.com/down" }, was: "refused", effects: ["https:/down"], outcome: error("Error", "getaddrinfo ENOTFOUND down") },
    { exportName: "guarded", event: { url: "https://example.com/slow" }, was: "refused", effects: [], outcome: error("Error", "timed out") },
  ],
  "request-listener-esm.mjs": [
    { exportName: "handler", event: { url: "https://example.com/ok" }, was: "refused", effects: ["https:/ok"], outcome: ok({ statusCode: 200, body: "body of /ok" }) },
    { exportName: "handler", event: { url: "https://example.com/reset" }, was: "refused", effects: ["https:/reset"], outcome: error("Error", "aborted") },
  ],
  "request-listener-typed.ts": [
    { exportName: "handler", event: { url: "https://example.com/ok" }, was: "refused", effects: ["https:/ok"], outcome: ok({ statusCode: 200, body: "body of /ok" }) },
    { exportName: "handler", event: { url: "https://example.com/down" }, was: "refused", effects: ["https:/down"], outcome: error("Error", "getaddrinfo ENOTFOUND down") },
    { exportName: "viaContext", event: { url: "https://example.com/ok" }, was: "wrong", effects: ["https:/ok"], outcome: ok(200) },
    { exportName: "viaContext", event: { url: "https://example.com/down" }, was: "wrong", effects: ["https:/down"], outcome: error("Error", "getaddrinfo ENOTFOUND down") },
  ],
  // context.succeed answered at once: the lookup a project function starts escaped then as it does now (late in both).
  "waited-work-at-once.js": [
    { exportName: "succeedAtOnce", event: { id: "a" }, was: "TypeError", effects: [], late: ["db.get:a"], outcome: ok("checked") },
  ],
  // The callback handed to a function that calls it only with an error, at once, or not at all (AWS_Lambda_in_Action's
  // getImageType): the error answered at once then as reject does now, and the lookup started after it is late in both.
  "fails-only-handoff.js": [
    { exportName: "handler", event: { id: "a" }, was: "refused", effects: ["db.get:a"], outcome: ok({ kind: "A", text: "hello" }) },
    { exportName: "handler", event: { id: "broken" }, was: "refused", effects: ["db.get:broken"], outcome: error("Error", "db down") },
    { exportName: "handler", event: { id: "stop" }, was: "refused", effects: [], late: ["db.get:stop"], outcome: error("Error", "stopped at stop") },
    { exportName: "handler", event: {}, was: "refused", effects: [], late: ["db.get:none"], outcome: error("string", "no id") },
  ],
  // redshift-loader's handleSQS: one callback-style call per record, and that path never answers: null once every
  // callback had run (the loop was empty), then; every round's promise awaited after the loop, now.
  "callback-work-loop.js": [
    { exportName: "handler", event: { Records: [{ id: "a" }, { id: "b" }] }, was: "wrong", syncEffects: ["note:records: 2"],
      effects: ["note:records: 2", "db.get:a", "note:reprocessed a", "db.get:b", "note:reprocessed b"], outcome: ok(null) },
    { exportName: "handler", event: { Records: [{ id: "a" }, { id: "broken" }] }, was: "wrong", syncEffects: ["note:records: 2"],
      effects: ["note:records: 2", "db.get:a", "note:reprocessed a", "db.get:broken", "note:failed broken: Error: db down"], outcome: ok(null) },
    { exportName: "handler", event: {}, was: "TypeError", effects: [], outcome: error("string", "unsupported event") },
    // A round that throws at once (`record.id` of a null record) ends the loop and the handler, as before: the
    // later records' work is not started (it was, when the call sat inside the round promise's executor).
    { exportName: "handler", event: { Records: [{ id: "a" }, null, { id: "b" }] }, was: "TypeError", effects: ["note:records: 3"],
      late: ["db.get:a", "note:reprocessed a"], outcome: error("TypeError", "Cannot read properties of null (reading 'id')") },
    { exportName: "single", event: { id: "a" }, was: "wrong", effects: ["db.get:a", "note:reprocessed a", "note:done"], outcome: ok(null) },
    { exportName: "single", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken", "note:failed: Error: db down"], outcome: ok(null) },
    { exportName: "single", event: {}, was: "TypeError", effects: [], outcome: error("string", "no id") },
  ],
  // lambda-refarch-mapreduce's driver: Lambda's export is now an async handler calling the kept function with the adapter.
  "split-export.js": [
    { exportName: "handler", event: { id: "a" }, was: "wrong", effects: ["db.get:a"], outcome: ok({ found: "hello" }) },
    { exportName: "handler", event: { id: "broken" }, was: "wrong", effects: ["db.get:broken"], outcome: error("string", "lookup failed: db down") },
    { exportName: "handler", event: {}, was: "TypeError", effects: [], late: ["db.get:none"], outcome: error("string", "no id") },
  ],
  // An answer ending its path, in a callback called from I/O (the fake's io.get): the same answer when the code after it would throw.
  "answer-then-throw.js": [
    { exportName: "returned", event: { id: "a" }, was: "wrong", effects: ["io.get:a"], outcome: ok("HELLO") },
    { exportName: "returned", event: { id: "broken" }, was: "wrong", effects: ["io.get:broken"], outcome: error("Error", "db down") },
    { exportName: "logged", event: { id: "a" }, was: "wrong", effects: ["io.get:a"], outcome: ok("hello") },
    { exportName: "logged", event: { id: "broken" }, was: "wrong", effects: ["io.get:broken"], outcome: error("Error", "db down") },
    { exportName: "viaThen", event: { id: "a" }, was: "wrong", effects: ["db.load:a"], outcome: ok("hello") },
    // The TypeError after the answer is an unhandled rejection in both runtimes, reported after the answer's promise jobs.
    { exportName: "viaThen", event: { id: "broken" }, was: "wrong", effects: ["db.load:broken"], rejections: ["Cannot read properties of undefined (reading 'text')"],
      outcome: error("string", "not found") },
  ],
  // context.callbackWaitsForEmptyEventLoop = false first: callback(null, x) answered at once, so work
  // still running beside it escaped then as it does from the promise now (late in both runtimes).
  "wait-flag-off.js": [
    { exportName: "answerThenWork", event: { id: "a" }, was: "refused", effects: [], late: ["db.get:a"], outcome: ok("early") },
    { exportName: "siblings", event: { a: "a", b: "b" }, was: "refused", effects: ["note:start", "db.get:a"], late: ["db.get:b"], outcome: ok(ITEM) },
    { exportName: "siblings", event: { a: "broken", b: "b" }, was: "refused", effects: ["note:start", "db.get:broken"], late: ["db.get:b"], outcome: error("Error", "db down") },
  ],
};

describe("callback-handlers legacy shapes at runtime: the old runtime's results, on Node.js 24", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  for (const [file, scenarios] of Object.entries(CASES)) {
    describe(file, () => {
      const { input, output } = fixture(file);
      scenarios.forEach((s, i) => {
        it(`${s.exportName} #${i + 1} ${JSON.stringify(s.event).slice(0, 60)}`, async () => {
          const expected = { ...s.outcome, effectsAtSettle: s.effects, lateEffects: s.late ?? [], unhandledRejections: s.rejections ?? [] };
          const old = await runOnce(input, file, s, "legacy");
          expect(old).toEqual(expected);

          const before = await runOnce(input, file, s, "node24", s.was === "wrong");
          if (s.was === "refused") expect(before.status).toBe("refused");
          else if (s.was === "TypeError") expect(before).toMatchObject({ status: "error", error: { name: "TypeError" } });
          else {
            // Answered null before the work was done; the nested context call then threw.
            expect(before).toMatchObject({ status: "ok", result: null, effectsAtSettle: s.syncEffects ?? [] });
            expect(before).not.toEqual(expected);
          }

          const after = await runOnce(output, file, s, "node24");
          expect(after).toEqual(expected);
        });
      });
    });
  }
});

/**
 * legacy-shapes-reported.mjs keeps `answerThenWork` callback-style (a blocking finding): the promise
 * wrapper written out here would answer at the first call, and the lookup the old runtime still
 * waited for (after callback(null, x), unlike after context.succeed) would escape the invocation.
 */
describe("callback-handlers legacy shapes: what the wrapper would change, so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "legacy-shapes-reported.input.mjs"), "utf8");
  const wrapped = `const { db } = require("./services");
exports.answerThenWork = async (event, context) => {
  return new Promise((resolve, reject) => {
    resolve("early");
    db.get(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
  });
};
`;
  const s: Scenario = { exportName: "answerThenWork", event: { id: "a" }, was: "refused", effects: [], outcome: ok("early") };
  const commonjs = input.replace(/^import \{ db \} from "\.\/services\.mjs";/m, 'const { db } = require("./services");').replace(/^export const (\w+)/gm, "exports.$1");

  it("answerThenWork: callback(null, x) answered once the lookup was done; wrapped, before it", async () => {
    const old = await runOnce(commonjs, "handler.js", s, "legacy");
    expect(old).toMatchObject({ status: "ok", result: "early", effectsAtSettle: ["db.get:a"], lateEffects: [] });
    const rewritten = await runOnce(wrapped, "handler.js", s, "node24");
    expect(rewritten).toMatchObject({ status: "ok", result: "early", effectsAtSettle: [], lateEffects: ["db.get:a"] });
  });
});

/**
 * wait-flag-reported.js stays callback-style: the flag is set after the callback, on one branch only,
 * or to true, so callback(null, x) still waited for the lookup started after it, which a promise
 * wrapper (answering at the first call) would let escape.
 */
describe("callback-handlers legacy shapes: callbackWaitsForEmptyEventLoop that does not answer at once", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "wait-flag-reported.input.js"), "utf8");
  for (const exportName of ["setAfter", "setInIf", "setTrue"]) {
    it(`${exportName}: the old runtime answered once the lookup was done`, async () => {
      const s: Scenario = { exportName, event: { id: "a" }, was: "refused", effects: [], outcome: ok("early") };
      const old = await runOnce(input, "wait-flag-reported.js", s, "legacy");
      expect(old).toMatchObject({ status: "ok", result: "early", effectsAtSettle: ["db.get:a"], lateEffects: [] });
    });
  }
  it("setInIf on its fast branch: the flag was off, the lookup escaped", async () => {
    const s: Scenario = { exportName: "setInIf", event: { id: "a", fast: true }, was: "refused", effects: [], outcome: ok("early") };
    const old = await runOnce(input, "wait-flag-reported.js", s, "legacy");
    expect(old).toMatchObject({ status: "ok", result: "early", effectsAtSettle: [], lateEffects: ["db.get:a"] });
  });
});

/**
 * quiet-end-pending.js stays callback-style: a quiet end (`return;`) or callback(null, x) reached after
 * work that calls back was started on the same path. The old runtime waited for that work; the wrapper
 * settle used to write (`return resolve()`, `resolve("now")`) answers at once.
 */
describe("callback-handlers legacy shapes: a quiet end or an answer with work still pending, so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "quiet-end-pending.input.js"), "utf8");
  const wrapped = `const { db } = require("./services");
exports.lookupOrNothing = async (event, context) => {
  return new Promise((resolve, reject) => {
    if (event.id) {
      db.get(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
    }
    return resolve();
  });
};
exports.answerAfterWork = async (event, context) => {
  return new Promise((resolve, reject) => {
    if (event.ref) {
      db.get(event.ref, (err, other) => (err != null ? reject(err) : resolve(other)));
    }
    resolve("now");
  });
};
`;
  it("lookupOrNothing: the old runtime answered with the lookup; the quiet-end wrapper answers null before it", async () => {
    const s: Scenario = { exportName: "lookupOrNothing", event: { id: "a" }, was: "refused", effects: [], outcome: ok(ITEM) };
    const old = await runOnce(input, "quiet-end-pending.js", s, "legacy");
    expect(old).toEqual({ status: "ok", result: ITEM, effectsAtSettle: ["db.get:a"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await runOnce(wrapped, "quiet-end-pending.js", s, "node24");
    expect(rewritten).toEqual({ status: "ok", result: null, effectsAtSettle: [], lateEffects: ["db.get:a"], unhandledRejections: [] });
  });
  it("answerAfterWork: the old runtime answered once the lookup was done; the wrapper lets it escape", async () => {
    const s: Scenario = { exportName: "answerAfterWork", event: { ref: "b" }, was: "refused", effects: [], outcome: ok("now") };
    const old = await runOnce(input, "quiet-end-pending.js", s, "legacy");
    expect(old).toEqual({ status: "ok", result: "now", effectsAtSettle: ["db.get:b"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await runOnce(wrapped, "quiet-end-pending.js", s, "node24");
    expect(rewritten).toEqual({ status: "ok", result: "now", effectsAtSettle: [], lateEffects: ["db.get:b"], unhandledRejections: [] });
  });
});

/**
 * waited-work-reported.js stays callback-style (blocking findings, issue 11 fresh set): work the old runtime
 * waited for before it answered, which settle did not see, so `async` alone (or the promise wrapper) let it
 * escape: a lookup started in a project function (directly or through forEach), an https request with a
 * response callback, the callback's result handed to the work call (`db.load(id, callback(null, x))`), and
 * the callback handed to a function that never calls it (the wrapper would never settle). Each `rewritten`
 * is what settle wrote before (AWS_Lambda_in_Action's mediaSharingUpdateContentIndex, Lambda2Slack,
 * Lambda2GitHub and encryptedConfig have these shapes).
 */
describe("callback-handlers legacy shapes: work the old runtime waited for, out of sight, so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "waited-work-reported.input.js"), "utf8");
  const rewritten = input
    .replace(/^exports\.(viaHelper|viaForEach|post|viaObject) = \(event, context, callback\) =>/gm, "exports.$1 = async (event, context) =>")
    .replace(
      'exports.answerArgument = (event, context, callback) => {\n  db.load(event.id, callback(null, "posted"));\n};',
      'exports.answerArgument = async (event, context) => {\n  return new Promise((resolve, reject) => {\n    db.load(event.id, resolve("posted"));\n  });\n};',
    )
    .replace(
      "exports.handedOn = (event, context, callback) => {\n  handle(event, context, callback);\n};",
      "exports.handedOn = async (event, context) => {\n  return new Promise((resolve, reject) => {\n    handle(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));\n  });\n};",
    )
    .replace("exports.skipPath = function (event, context) {", "exports.skipPath = async function (event, context) {")
    .replace('  context.succeed("ok");\n};', '  return "ok";\n};')
    .replace(
      'exports.status = (event, context, callback) => {\n  https.get({ path: event.path }, function (res) {\n    res.on("data", (chunk) => audit.note(chunk));\n    callback(null, res.statusCode);\n  });\n};',
      'exports.status = async (event, context) => {\n  return new Promise((resolve, reject) => {\n    https.get({ path: event.path }, function (res) {\n      res.on("data", (chunk) => audit.note(chunk));\n      resolve(res.statusCode);\n    });\n  });\n};',
    );
  const run = (code: string, exportName: string, event: unknown, runtime: "legacy" | "node24") =>
    invoke({ code, fileName: "waited-work-reported.js", exportName, event, runtime, modules: fakes(createEffectLog()), serializeResult: true, timeoutMs: 300 });
  const cases: [string, unknown, unknown, string[]][] = [
    ["viaHelper", { id: "a" }, null, ["db.get:a"]],
    ["viaForEach", { ids: ["a", "b"] }, null, ["db.get:a", "db.get:b"]],
    ["post", { path: "/x" }, null, ["https:/x", "note:body of /x", "note: <- hello"]],
    ["answerArgument", { id: "a" }, "posted", ["db.load:a"]],
    ["skipPath", { skip: true, id: "a" }, null, ["db.get:a"]],
    ["viaObject", { id: "a" }, null, ["db.get:a"]],
  ];
  it("the rewrite settle wrote before is the one checked here", () => {
    expect(rewritten.match(/= async \(event, context\) =>/g)).toHaveLength(7);
    expect(rewritten).toContain('exports.skipPath = async function (event, context) {\n  if (event.skip) {\n    check(event.id);\n    return;\n  }\n  return "ok";\n};');
  });
  for (const [exportName, event, result, effects] of cases) {
    it(`${exportName}: the old runtime answered once the work was done; the rewrite answers before it`, async () => {
      const old = await run(input, exportName, event, "legacy");
      expect(old).toEqual({ status: "ok", result, effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });
      const after = await runOnce(rewritten, "waited-work-reported.js", { exportName, event, was: "refused", effects: [], outcome: ok(result) }, "node24");
      expect(after).toEqual({ status: "ok", result, effectsAtSettle: [], lateEffects: effects, unhandledRejections: [] });
    });
  }
  it("status: the old runtime answered once the body had streamed to the \"data\" listener; the wrapper answers before it", async () => {
    expect(rewritten).toContain("      resolve(res.statusCode);");
    const old = await run(input, "status", { path: "/x" }, "legacy");
    expect(old).toEqual({ status: "ok", result: 200, effectsAtSettle: ["https:/x", "note:body of /x"], lateEffects: [], unhandledRejections: [] });
    const after = await runOnce(rewritten, "waited-work-reported.js", { exportName: "status", event: { path: "/x" }, was: "refused", effects: [], outcome: ok(200) }, "node24");
    expect(after).toEqual({ status: "ok", result: 200, effectsAtSettle: ["https:/x"], lateEffects: ["note:body of /x"], unhandledRejections: [] });
  });
  it("handedOn: the old runtime answered null once the loop was empty; the wrapper never settles", async () => {
    const old = await run(input, "handedOn", { id: "a" }, "legacy");
    expect(old).toEqual({ status: "ok", result: null, effectsAtSettle: ["note:handled a"], lateEffects: [], unhandledRejections: [] });
    const after = await run(rewritten, "handedOn", { id: "a" }, "node24");
    expect(after).toMatchObject({ status: "timeout", error: { name: "Sandbox.Timedout" }, effectsAtSettle: ["note:handled a"] });
  });
});

/**
 * failing-result-reported.js `either` stays callback-style: `context.done(err, audit.note(item))` with
 * an error that may be null. The old runtime evaluated the note on a failure too; the rewrite settle
 * would write without the check (`if (err != null) reject(err); else resolve(audit.note(item));`) skips it.
 */
describe("callback-handlers legacy shapes: a result argument with effects and an error that may be null", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "failing-result-reported.input.js"), "utf8");
  const wrapped = `const { db, audit } = require("./services");
exports.either = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.get(event.id, function (err, item) {
      if (err != null) reject(err); else resolve(audit.note(item));
    });
  });
};
`;
  const s: Scenario = { exportName: "either", event: { id: "broken" }, was: "wrong", effects: [], outcome: error("Error", "db down") };
  it("either: the old runtime noted on a failure, the unchecked rewrite would not", async () => {
    const old = await runOnce(input, "failing-result-reported.js", s, "legacy");
    expect(old).toMatchObject({ status: "error", error: { name: "Error", message: "db down" }, effectsAtSettle: ["db.get:broken", "note:undefined"] });
    const rewritten = await runOnce(wrapped, "handler.js", s, "node24");
    expect(rewritten).toMatchObject({ status: "error", error: { name: "Error", message: "db down" }, effectsAtSettle: ["db.get:broken"] });
  });
});

/**
 * iteratee-context-reported.js `stalls` stays callback-style: a path of the function the iteratee hands
 * its callback to neither answers nor calls that callback, so async.map (the real package) never calls
 * its final callback. The old runtime answered null once the event loop was empty; the promise wrapper
 * written out here never settles, and the invocation runs into its timeout.
 */
describe("callback-handlers legacy shapes: an iteratee path that never calls back, so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "iteratee-context-reported.input.js"), "utf8");
  const wrapped = `const async = require("async");
const { db, audit } = require("./services");
exports.stalls = async function (event, context) {
  return new Promise((resolve, reject) => {
    function fail(reason) {
      reject(new Error(reason));
    }
    function load(id, next) {
      if (!id) fail("no id");
      db.get(id, function (err, item) {
        if (err) {
          audit.note(err.message);
          return;
        }
        next(null, item);
      });
    }
    async.map(event.ids, function (id, next) {
      load(id, next);
    }, function (err, items) {
      if (err != null) reject(err); else resolve(items);
    });
  });
};
`;
  const run = (code: string, runtime: "legacy" | "node24") =>
    invoke({ code, fileName: "iteratee-context-reported.js", exportName: "stalls", event: { ids: ["a", "broken"] }, runtime, modules: fakes(createEffectLog()), serializeResult: true, timeoutMs: 300 });
  it("stalls: the old runtime answered null once the loop was empty; the wrapper would never settle", async () => {
    const old = await run(input, "legacy");
    expect(old).toMatchObject({ status: "ok", result: null, effectsAtSettle: ["db.get:a", "db.get:broken", "note:db down"] });
    const rewritten = await run(wrapped, "node24");
    expect(rewritten).toMatchObject({ status: "timeout", error: { name: "Sandbox.Timedout" } });
  });
});

/**
 * exported-method-called/gateway.js keeps `deleteGateway` callback-style (a blocking finding): it is a
 * module method that the project's own handler calls with a callback (as the zombie workshop's
 * LambdaHandler.js does). Converted, it would ignore that callback, and the caller would never answer.
 */
describe("callback-handlers legacy shapes: an exported method handlers call with a callback, so it stays as it is (a note)", () => {
  const dir = path.join(FIXTURES, "callback-handlers", "exported-method-called");
  const gateway = readFileSync(path.join(dir, "gateway.input.js"), "utf8");
  const converted = gateway.replace(
    /deleteGateway: function\(event, context, callback\) \{\n(.*\n)(.*), callback\);/,
    "deleteGateway: async function(event, context) {\n$1    return new Promise((resolve, reject) => {\n  $2, (err, result) => (err != null ? reject(err) : resolve(result)));\n    });",
  );
  const router = readFileSync(path.join(dir, "router.input.js"), "utf8").replace(/^var cache = .*$/m, "");
  /** The router with the gateway module inlined (the harness loads one file). */
  const withGateway = (code: string) =>
    router.replace(/^var gateway = require\('\.\/gateway'\);$/m, `var gateway = (function () { var module = { exports: {} }; var exports = module.exports;\n${code}\nreturn module.exports; })();`);
  const s: Scenario = { exportName: "handleGatewayEvent", event: { RequestType: "Delete", PhysicalResourceId: "api1" }, was: "refused", effects: [], outcome: ok(null) };

  it("kept: the router answers once the gateway is deleted; converted, the router would never answer", async () => {
    expect(converted).not.toBe(gateway);
    expect(readFileSync(path.join(dir, "gateway.output.js"), "utf8")).toContain("deleteGateway: function(event, context, callback) {");
    const kept = await runOnce(withGateway(gateway), "router.js", s, "node24");
    expect(kept).toEqual({ status: "ok", result: null, effectsAtSettle: ["apigateway.delete:api1"], lateEffects: [], unhandledRejections: [] });
    const log = createEffectLog();
    const broken = await invoke({ code: withGateway(converted), fileName: "router.js", exportName: s.exportName, event: s.event, runtime: "node24", modules: fakes(log), timeoutMs: 100 });
    expect(broken).toMatchObject({ status: "timeout", effectsAtSettle: ["apigateway.delete:api1"] });
  });
});

/**
 * stored-context-reported.js `get` stays callback-style (a blocking finding): the handler stores its context in a
 * module variable, and the function answering through it has a path that never answers (an item id "skip").
 * The old runtime answered null there once the event loop was empty; with the adapter stored instead, the
 * handler's promise would never settle.
 */
describe("callback-handlers legacy shapes: a stored context whose answering function may not answer, so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "stored-context-reported.input.js"), "utf8");
  const s: Scenario = { exportName: "get", event: { id: "skip" }, was: "wrong", effects: [], outcome: ok(null) };
  it("get: the old runtime answered null once the lookup was done; the adapter's promise never settles", async () => {
    const old = await runOnce(input, "stored-context-reported.js", s, "legacy");
    expect(old).toEqual({ status: "ok", result: null, effectsAtSettle: ["db.get:skip"], lateEffects: [], unhandledRejections: [] });
    const adapter = "\nfunction legacyContext(context, resolve, reject) {\n  return Object.create(context, {\n    succeed: { value: (result) => resolve(result) },\n    fail: { value: (error) => reject(error ?? 'handled') },\n    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },\n  });\n}\n";
    const converted =
      input
        .replace("exports.get = function(event, context) {\n  lastContext = context;\n  db.getItem({ id: event.id }, gotItem);\n};", "exports.get = async function(event, context) {\n  return new Promise((resolve, reject) => {\n    lastContext = legacyContext(context, resolve, reject);\n    db.getItem({ id: event.id }, gotItem);\n  });\n};") + adapter;
    expect(converted).toContain("lastContext = legacyContext(context, resolve, reject);");
    const rewritten = await runOnce(converted, "stored-context-reported.js", s, "node24");
    expect(rewritten).toMatchObject({ status: "timeout", effectsAtSettle: ["db.get:skip"] });
    // The case where it does answer is the same in both.
    const found: Scenario = { ...s, event: { id: "a" } };
    expect(await runOnce(converted, "stored-context-reported.js", found, "node24")).toEqual(await runOnce(input, "stored-context-reported.js", found, "legacy"));
  });
});

/**
 * async-foreach-wait.js `handler` stays callback-style (a blocking finding): `event.Records.forEach(processRecord)`
 * with an async processRecord, then callback(null, x) (lambda-refarch-imagerecognition's reference-index.js).
 * The old runtime answered once the loads were done; `return x` answers before them.
 */
describe("callback-handlers legacy shapes: async work started by forEach before callback(null, x), so it is reported", () => {
  const input = readFileSync(path.join(FIXTURES, "callback-handlers", "async-foreach-wait.input.js"), "utf8");
  const s: Scenario = { exportName: "handler", event: { Records: [{ id: "a" }, { id: "b" }] }, was: "refused", effects: [], outcome: ok(null) };
  it("handler: the old runtime answered after the loads; `return x` answers before them", async () => {
    expect(readFileSync(path.join(FIXTURES, "callback-handlers", "async-foreach-wait.output.js"), "utf8")).toContain("exports.handler = async (event, context, callback) => {");
    const old = await runOnce(input, "async-foreach-wait.js", s, "legacy");
    expect(old).toEqual({ status: "ok", result: { status: "Photo Processed" }, effectsAtSettle: ["db.load:a", "db.load:b"], lateEffects: [], unhandledRejections: [] });
    const converted = input.replace("exports.handler = async (event, context, callback) => {", "exports.handler = async (event, context) => {").replace('    callback(null, { status: "Photo Processed" });\n  } catch (err) {\n    console.error(err);\n    callback(err);', '    return { status: "Photo Processed" };\n  } catch (err) {\n    console.error(err);\n    throw err;');
    expect(converted).not.toBe(input);
    const rewritten = await runOnce(converted, "async-foreach-wait.js", s, "node24");
    expect(rewritten).toEqual({ status: "ok", result: { status: "Photo Processed" }, effectsAtSettle: [], lateEffects: ["db.load:a", "db.load:b"], unhandledRejections: [] });
  });
});

/**
 * records-loop.js / records-loop-typed.ts: a forEach at the end of the handler whose items answer at once. The first
 * answer wins in both runtimes; when no item starts one, the old runtime answered null once the event loop was
 * empty, and `if (!answering) resolve();` after the loop answers that (where Node.js 24 ran the original the same
 * way, as for a batch with nothing to index, the converted handler must still answer null, not time out).
 */
describe("callback-handlers legacy shapes: a loop whose items answer at once, or none of them", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());
  const indexed = 'indexed body of /index <- {"id":"a"}';
  const runs: { file: string; s: Scenario; expected: InvocationOutcome; original: "same" | "wrong" | "TypeError" }[] = [
    { file: "records-loop.js", s: { exportName: "handler", event: { Records: [{ eventName: "INSERT", id: "a" }] }, was: "wrong", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: indexed, effectsAtSettle: ["https:/index"], lateEffects: [], unhandledRejections: [] }, original: "wrong" },
    { file: "records-loop.js", s: { exportName: "handler", event: { Records: [{ eventName: "MODIFY", id: "a" }, { eventName: "INSERT", id: "a" }] }, was: "wrong", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: indexed, effectsAtSettle: ["https:/index"], lateEffects: [], unhandledRejections: [] }, original: "wrong" },
    { file: "records-loop.js", s: { exportName: "handler", event: { Records: [{ eventName: "MODIFY", id: "a" }] }, was: "wrong", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: null, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "same" },
    { file: "records-loop.js", s: { exportName: "handler", event: { Records: [] }, was: "wrong", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: null, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "same" },
    { file: "records-loop.js", s: { exportName: "validate", event: { Records: [{ id: "a" }, {}, {}] }, was: "TypeError", effects: [], outcome: ok(null) },
      expected: { status: "error", error: { name: "Error", message: "record without id" }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "TypeError" },
    { file: "records-loop.js", s: { exportName: "validate", event: { Records: [{ id: "a" }] }, was: "TypeError", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: null, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "same" },
    { file: "records-loop-typed.ts", s: { exportName: "handler", event: { items: [{ id: "a", ok: true }, { id: "b", ok: false }] }, was: "TypeError", effects: [], outcome: ok(null) },
      expected: { status: "error", error: { name: "Error", message: "item b failed" }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "TypeError" },
    { file: "records-loop-typed.ts", s: { exportName: "handler", event: { items: [] }, was: "TypeError", effects: [], outcome: ok(null) },
      expected: { status: "ok", result: null, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] }, original: "same" },
  ];
  runs.forEach(({ file, s, expected, original }, i) => {
    it(`${file} ${s.exportName} #${i + 1} ${JSON.stringify(s.event).slice(0, 60)}`, async () => {
      const { input, output } = fixture(file);
      expect(await runOnce(input, file, s, "legacy")).toEqual(expected);
      const before = await runOnce(input, file, s, "node24", original === "wrong");
      if (original === "same") expect(before).toEqual(expected);
      else if (original === "TypeError") expect(before).toMatchObject({ status: "error", error: { name: "TypeError" } });
      else expect(before).toMatchObject({ status: "ok", result: null, effectsAtSettle: [] });
      expect(await runOnce(output, file, s, "node24")).toEqual(expected);
    });
  });
});

/**
 * callback-helper/: `iam.createUsers(event, context, done)`, a module method of three parameters that only the
 * handler calls, with its own context and a callback, stays as it is (a note); the handler converts. Node.js 24
 * refuses three parameters only in the function Lambda calls, so the kept helper runs as before under the
 * converted handler. The harness loads one file: the helper module is inlined.
 */
describe("callback-handlers legacy shapes: a three-parameter helper that only handlers call, kept under a converted handler", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());
  const dir = path.join(FIXTURES, "callback-handlers", "callback-helper");
  const iam = readFileSync(path.join(dir, "iam.input.js"), "utf8");
  expect(existsSync(path.join(dir, "iam.output.js"))).toBe(false);
  const inline = (code: string) =>
    code
      .replace(/^var iam = require\('\.\/iam'\);$/m, `var iam = (function () { var module = { exports: {} }; var exports = module.exports;\n${iam}\nreturn module.exports; })();`);
  const input = inline(readFileSync(path.join(dir, "handler.input.js"), "utf8"));
  const output = inline(readFileSync(path.join(dir, "handler.output.js"), "utf8"));
  const cases: [unknown, InvocationOutcome][] = [
    [{ RequestType: "Create", id: "a" }, { status: "ok", result: ITEM, effectsAtSettle: ["db.get:a"], lateEffects: [], unhandledRejections: [] }],
    [{ RequestType: "Create", id: "broken" }, { status: "error", error: { name: "Error", message: "db down" }, effectsAtSettle: ["db.get:broken"], lateEffects: [], unhandledRejections: [] }],
  ];
  // The other request type answers in the handler's own flow: a TypeError on Node.js 24 before, the same null after.
  it("handleIAM Delete", async () => {
    const s: Scenario = { exportName: "handleIAM", event: { RequestType: "Delete" }, was: "TypeError", effects: [], outcome: ok(null) };
    const expected = { status: "ok", result: null, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] };
    expect(await runOnce(input, "handler.js", s, "legacy")).toEqual(expected);
    expect(await runOnce(input, "handler.js", s, "node24")).toMatchObject({ status: "error", error: { name: "TypeError" } });
    expect(await runOnce(output, "handler.js", s, "node24")).toEqual(expected);
  });
  cases.forEach(([event, expected], i) => {
    it(`handleIAM #${i + 1} ${JSON.stringify(event)}`, async () => {
      const s: Scenario = { exportName: "handleIAM", event, was: "wrong", effects: [], outcome: ok(null) };
      expect(input).toContain("module.exports = {\n  createUsers: function(event, context, doneCallback) {");
      expect(await runOnce(input, "handler.js", s, "legacy")).toEqual(expected);
      expect(await runOnce(input, "handler.js", s, "node24", true)).toMatchObject({ status: "ok", result: null, effectsAtSettle: [] });
      expect(await runOnce(output, "handler.js", s, "node24")).toEqual(expected);
    });
  });
});

/**
 * answer-then-throw.js keeps `handler` and `viaCallback` callback-style: after `context.fail(err)` (or
 * `callback(err)`) the path goes on and reads the item the error left undefined. The old runtime had sent the
 * error when that TypeError was thrown (it only ended the process); converted, reject(err) answers only once the
 * I/O callback has returned, and the uncaughtException comes first: the invocation would fail with the TypeError.
 */
describe("callback-handlers legacy shapes: an answer with code after it that throws, so it is reported", () => {
  beforeAll(() => void vi.spyOn(console, "error").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());
  const { input, output } = fixture("answer-then-throw.js");
  const converted = (answer: string, value: string) => `const { io } = require("./services");
exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    io.get(event.id, function (err, item) {
      if (err) {
        console.error(err);
        ${answer};
      }
      resolve(${value});
    });
  });
};
`;
  const typeError = error("TypeError", "Cannot read properties of undefined (reading 'text')");
  const broken = (exportName: string): Scenario => ({ exportName, event: { id: "broken" }, was: "wrong", effects: [], outcome: ok(null) });

  it("handler: the old runtime answered the error; the wrapper settle used to write answers the TypeError", async () => {
    const old = await runOnce(input, "handler.js", broken("handler"), "legacy");
    expect(old).toEqual({ ...error("Error", "db down"), effectsAtSettle: ["io.get:broken"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await runOnce(converted("reject(err)", "item.text.toUpperCase()"), "handler.js", broken("handler"), "node24");
    expect(rewritten).toEqual({ ...typeError, effectsAtSettle: ["io.get:broken"], lateEffects: [], unhandledRejections: [] });
    // Ended at the answer, as the finding says: the old answer.
    const ended = await runOnce(converted("return reject(err)", "item.text.toUpperCase()"), "handler.js", broken("handler"), "node24");
    expect(ended).toEqual(old);
  });

  it("viaCallback: callback(err) answered at once too; wrapped, the TypeError answers", async () => {
    const old = await runOnce(input, "handler.js", broken("viaCallback"), "legacy");
    expect(old).toEqual({ ...error("Error", "db down"), effectsAtSettle: ["io.get:broken"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await runOnce(converted("reject(err)", "item.text").replace("exports.handler", "exports.viaCallback"), "handler.js", broken("viaCallback"), "node24");
    expect(rewritten).toEqual({ ...typeError, effectsAtSettle: ["io.get:broken"], lateEffects: [], unhandledRejections: [] });
  });

  it("the fixture keeps both handlers as they were", () => {
    for (const name of ["handler", "viaCallback"]) {
      const kept = (text: string) => text.slice(text.indexOf(`exports.${name} =`), text.indexOf("};", text.indexOf(`exports.${name} =`)));
      expect(kept(output)).toBe(kept(input));
    }
  });
});

/**
 * split-export.js run as the local script it also is (RUN_LOCALLY set): the kept function gets the script's own
 * context, so the script sees every succeed/fail call it saw before, at the same moments (the second one too).
 */
describe("callback-handlers legacy shapes: the file's own call of a split export", () => {
  const runScript = async (code: string, id: string): Promise<string[]> => {
    const seen: string[] = [];
    const log = createEffectLog();
    const services = fakes(log)["./services"];
    const sandbox = vm.createContext({
      console: { log: (...args: unknown[]) => void seen.push(args.map((a) => JSON.stringify(a)).join(" ")) },
      process: { env: { RUN_LOCALLY: id } },
      require: () => services,
      module: { exports: {} },
    });
    (sandbox as { exports: unknown }).exports = (sandbox as { module: { exports: unknown } }).module.exports;
    vm.runInContext(code, sandbox);
    seen.push(`sync end`);
    await new Promise((r) => setTimeout(r, 30));
    return seen;
  };
  const { input, output } = fixture("split-export.js");

  it.each([["a"], ["broken"]])("RUN_LOCALLY=%s: the same calls of the script's context, before and after", async (id) => {
    const before = await runScript(input, id);
    expect(before).toEqual(id === "a" ? ["sync end", '"succeeded" {"found":"hello"}'] : ["sync end", '"failed" "lookup failed: db down"']);
    expect(await runScript(output, id)).toEqual(before);
  });
});
