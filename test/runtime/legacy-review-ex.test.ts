/**
 * Runtime cases of the review of the Serverless Framework examples (issue 11, review-ex).
 *
 * request-package-reported: a request of the `request` package sent without a callback
 * (`request.post(url).form(data)`, aws-node-telegram-echo-bot's shape) and then `callback(null, x)`.
 * The old runtime answered once the event loop was empty, so the request had been sent and its
 * response read before the answer; the rewrite settle wrote before (`async` + `return x`) answers
 * before it, and Node.js 24 freezes with the request in flight. Settle now reports those handlers and
 * still converts the one whose request callback answers (same answer and effects in both runtimes).
 *
 * helper-chain-continues-reported: the answer is made in a function handed to a project function that runs it
 * in a promise chain going on after it (`conn.then(work).finally(() => close())`, aws-node-http-api-mongodb's
 * dbConnectAndExecute). The old runtime answered once the close was done; the wrapper settle wrote before
 * (`new Promise` + resolve in the work) answers before the close. Settle now reports those handlers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEffectLog, delayedEffect, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

type Respond = (err: Error | null, res?: { statusCode: number }, body?: string) => void;

/**
 * A stand-in for the `request` package: `request(url, cb?)` and `request.<verb>(url, cb?)` send the
 * request on a later tick (as the package does, so that `.form(data)` can still set the body) and,
 * 5ms later, record `request.<verb>:<url>[ <body>]` and call back (if given) with a 200 response.
 * The exchange is pending work until then, as the socket is for the event loop.
 */
function fakeRequest(log: EffectLog) {
  const send = (verb: string, url: string, cb?: Respond) => {
    const req = { body: "", form(data: Record<string, string>) { req.body = new URLSearchParams(data).toString(); return req; } };
    void trackPending(log, new Promise<void>((done) => setTimeout(() => {
      log.record(`request.${verb}:${url}${req.body ? ` ${req.body}` : ""}`);
      cb?.(null, { statusCode: 200 }, `body of ${url}`);
      done();
    }, 5)));
    return req;
  };
  const verbs = Object.fromEntries(["get", "post", "put", "patch", "del", "head"].map((v) => [v, (url: string, cb?: Respond) => send(v, url, cb)]));
  return Object.assign((url: string, cb?: Respond) => send("get", url, cb), verbs);
}

const dir = path.join(FIXTURES, "callback-handlers", "request-package-reported");
const input = readFileSync(path.join(dir, "handler.input.js"), "utf8");
const output = readFileSync(path.join(dir, "handler.output.js"), "utf8");

// What settle wrote for echo and ping before they were reported.
const before = output
  .replace(
    'exports.echo = (event, context, callback) => {\n  const note = JSON.parse(event.body).note;\n  request.post(event.url).form({ text: note });\n  callback(null, { statusCode: 200 });\n};',
    'exports.echo = async (event, context) => {\n  const note = JSON.parse(event.body).note;\n  request.post(event.url).form({ text: note });\n  return { statusCode: 200 };\n};',
  )
  .replace(
    'exports.ping = (event, context, callback) => {\n  request(event.url);\n  callback(null, "sent");\n};',
    'exports.ping = async (event, context) => {\n  request(event.url);\n  return "sent";\n};',
  );

function run(code: string, exportName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "handler.js", exportName, event, runtime, modules: { log, request: fakeRequest(log) }, serializeResult: true, timeoutMs: 500 });
}

describe("callback-handlers (review-ex): a request of the `request` package the old runtime waited for", () => {
  const echo = { body: JSON.stringify({ note: "hi" }), url: "/notes" };

  it("settle keeps echo and ping callback-style (the output is the input there) and converts fetch", () => {
    expect(output.slice(0, output.indexOf("exports.fetch"))).toBe(input.slice(0, input.indexOf("exports.fetch")));
    expect(before.match(/= async \(event, context\) =>/g)).toHaveLength(3);
  });

  it("echo: the old runtime answered once the post was sent; the earlier rewrite answered before it", async () => {
    const old = await run(input, "echo", echo, "legacy");
    expect(old).toEqual({ status: "ok", result: { statusCode: 200 }, effectsAtSettle: ["request.post:/notes text=hi"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await run(before, "echo", echo, "node24");
    expect(rewritten).toEqual({ status: "ok", result: { statusCode: 200 }, effectsAtSettle: [], lateEffects: ["request.post:/notes text=hi"], unhandledRejections: [] });
    // Kept callback-style, Node.js 24 refuses it at init: the blocking finding says so and how to fix it.
    expect((await run(output, "echo", echo, "node24")).status).toBe("refused");
  });

  it("ping: the same with the package called as a function", async () => {
    const old = await run(input, "ping", { url: "/ping" }, "legacy");
    expect(old).toEqual({ status: "ok", result: "sent", effectsAtSettle: ["request.get:/ping"], lateEffects: [], unhandledRejections: [] });
    const rewritten = await run(before, "ping", { url: "/ping" }, "node24");
    expect(rewritten).toEqual({ status: "ok", result: "sent", effectsAtSettle: [], lateEffects: ["request.get:/ping"], unhandledRejections: [] });
  });

  it("fetch: answered in the request's callback, the same answer and effects in both runtimes", async () => {
    const expected = { status: "ok", result: { statusCode: 200, body: "body of /x" }, effectsAtSettle: ["request.get:/x"], lateEffects: [], unhandledRejections: [] };
    expect(await run(input, "fetch", { url: "/x" }, "legacy")).toEqual(expected);
    expect(await run(output, "fetch", { url: "/x" }, "node24")).toEqual(expected);
  });
});

/** A stand-in database: connect(), conn.find(id) and conn.close() each complete after 5ms and record `db.<what>`; find("broken") rejects. */
function fakeDb(log: EffectLog) {
  const conn = {
    find: (id: string) => delayedEffect(log, 5, `db.find:${id}`, () => { if (id === "broken") throw new Error("not found"); return { id }; }),
    close: () => delayedEffect(log, 5, "db.close", () => undefined),
  };
  return { connect: () => delayedEffect(log, 5, "db.connect", () => conn) };
}

describe("callback-handlers (review-ex): an answer inside a project helper's promise chain that goes on after it", () => {
  const chainDir = path.join(FIXTURES, "callback-handlers", "helper-chain-continues-reported");
  const chainInput = readFileSync(path.join(chainDir, "handler.input.js"), "utf8");
  const chainOutput = readFileSync(path.join(chainDir, "handler.output.js"), "utf8");
  // What settle wrote for lookup, nested and logged before they were reported.
  const wrapped = chainOutput.replace(
    /exports\.(lookup|nested|logged) = \(event, context, callback\) => \{\n  (\w+)\(\(conn\) => conn\.find\(event\.id\)\.then\(\(item\) => callback\(null, item\)\)\);\n\};/g,
    "exports.$1 = async (event, context) => {\n  return new Promise((resolve, reject) => {\n    $2((conn) => conn.find(event.id).then((item) => resolve(item)));\n  });\n};",
  );
  const runDb = (code: string, exportName: string, runtime: "legacy" | "node24", id = "a") => {
    const log = createEffectLog();
    return invoke({ code, fileName: "handler.js", exportName, event: { id }, runtime, modules: { log, "./db": fakeDb(log) }, serializeResult: true, timeoutMs: 300 });
  };

  it("settle keeps lookup, nested and logged callback-style and converts plain", () => {
    expect(chainOutput.slice(0, chainOutput.indexOf("// Nothing of the helper"))).toBe(chainInput.slice(0, chainInput.indexOf("// Nothing of the helper")));
    expect(wrapped.match(/= async \(event, context\) =>/g)).toHaveLength(4);
  });

  for (const exportName of ["lookup", "nested"]) {
    it(`${exportName}: the old runtime answered once the connection was closed; the wrapper answered before the close`, async () => {
      const old = await runDb(chainInput, exportName, "legacy");
      expect(old).toEqual({ status: "ok", result: { id: "a" }, effectsAtSettle: ["db.connect", "db.find:a", "db.close"], lateEffects: [], unhandledRejections: [] });
      const before = await runDb(wrapped, exportName, "node24");
      expect(before).toEqual({ status: "ok", result: { id: "a" }, effectsAtSettle: ["db.connect", "db.find:a"], lateEffects: ["db.close"], unhandledRejections: [] });
    });
  }

  it("logged: a failed lookup that the helper's .catch logs was answered null at the empty loop; the wrapper never settles", async () => {
    const old = await runDb(chainInput, "logged", "legacy", "broken");
    expect(old).toEqual({ status: "ok", result: null, effectsAtSettle: ["db.connect", "db.find:broken"], lateEffects: [], unhandledRejections: [] });
    const before = await runDb(wrapped, "logged", "node24", "broken");
    expect(before).toMatchObject({ status: "timeout", error: { name: "Sandbox.Timedout" }, effectsAtSettle: ["db.connect", "db.find:broken"] });
  });

  it("plain: nothing follows the work in the helper's chain, the same answer and effects in both runtimes", async () => {
    const expected = { status: "ok", result: { id: "a" }, effectsAtSettle: ["db.connect", "db.find:a"], lateEffects: [], unhandledRejections: [] };
    expect(await runDb(chainInput, "plain", "legacy")).toEqual(expected);
    expect(await runDb(chainOutput, "plain", "node24")).toEqual(expected);
  });
});
