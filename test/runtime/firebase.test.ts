/**
 * Behavioural tests for Cloud Functions for Firebase and Google Cloud Functions (issue 15) under the
 * freeze-at-settle harness, with a stand-in for the platform's rule: an HTTP function's invocation
 * ends when it sends its response (`res.send`/`res.json`/`res.end`: the CPU is throttled and the
 * instance may be stopped, so work not done by then is late), a background function's when the
 * promise it returns settles. Before: the work the function starts but does not wait for lands after
 * the invocation ended. After the rewrite: it lands inside it, with the same response and effects.
 */
import { describe, expect, it } from "vitest";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";
import { createEffectLog, invoke, makeStubs, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

/** The types of makeStubs(log), so the checker knows which calls return promises. */
const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare const db: { put<T>(item: T): Promise<T>; get(id: string): Promise<unknown> };
export declare function sendEmail(to: string): Promise<{ to: string; sent: boolean }>;
export declare function sleep(ms: number): Promise<void>;
`;

type Fn = (...args: any[]) => unknown;

/**
 * Cloud Functions around one invocation. `http(fn, req)` settles when the function sends its response
 * (with `{ status, body }`), or fails when it throws before; `background(fn, event)` settles with the
 * promise the function returns. The trigger stand-ins return the function they are handed, as the
 * real ones return a function the platform calls; functions-framework registrations are kept by name.
 */
function makeCloudFunctions(log: EffectLog) {
  const registered: Record<string, Fn> = {};
  const trigger = (...args: unknown[]) => args[args.length - 1];
  const v1Builder: any = new Proxy(() => v1Builder, {
    get: (_target, key) => (typeof key !== "string" ? undefined : /^on[A-Z]/.test(key) ? (fn: Fn) => fn : v1Builder),
  });
  return {
    http: (fn: Fn, req: unknown) =>
      new Promise((resolve, reject) => {
        let status = 200;
        const sent = (body: unknown) => {
          log.record("response");
          resolve({ status, body });
          return res;
        };
        const res = { status: (code: number) => ((status = code), res), send: sent, json: sent, end: () => sent(undefined) };
        Promise.resolve().then(() => fn(req, res)).then(undefined, reject);
      }),
    background: (fn: Fn, event: unknown) => Promise.resolve(fn(event)),
    modules: {
      "firebase-functions/v2/https": { onRequest: trigger, onCall: trigger },
      "firebase-functions/v2/firestore": { onDocumentCreated: trigger },
      "firebase-functions/v1": v1Builder,
      express: miniExpress,
      "@google-cloud/functions-framework": {
        http: (name: string, fn: Fn) => void (registered[name] = fn),
        cloudEvent: (name: string, fn: Fn) => void (registered[name] = fn),
      },
    },
    registered,
  };
}

/** Enough of Express for `onRequest(app)`: `app.use/get/post(path?, ...fns)` layers run in order, each `next()` moves on. */
function miniExpress() {
  const layers: { method: string; path?: string; fn: Fn }[] = [];
  const app: any = (req: { method: string; path: string }, res: unknown) => {
    const matching = layers.filter((l) => (l.method === "use" || l.method === req.method.toLowerCase()) && (l.path === undefined || l.path === req.path));
    const next = (i: number): unknown => matching[i]?.fn(req, res, () => next(i + 1));
    return next(0);
  };
  for (const method of ["use", "get", "post"]) {
    app[method] = (...args: unknown[]) => {
      const path = typeof args[0] === "string" ? (args.shift() as string) : undefined;
      for (const fn of args.flat() as Fn[]) layers.push({ method, path, fn });
    };
  }
  return app;
}

/** Appended to the module under test: the harness calls `handler`, which runs `call` on the platform (`cf`). */
const through = (call: string, js: boolean) => js
  ? `\nexports.handler = (event) => { const cf = require("settle:cf"); return ${call}; };\n`
  : `\ndeclare const module: { exports: any };\nexport const handler = (event: any) => { const cf = require("settle:cf"); return ${call}; };\n`;

async function run(code: string, call: string, event: unknown, fileName: string, graceMs?: number): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const cf = makeCloudFunctions(log);
  const modules = { "./stubs": makeStubs(log), "settle:cf": cf, ...cf.modules };
  return invoke({ code: code + through(call, fileName.endsWith(".js")), fileName, event, runtime: "node24", modules, ...(graceMs === undefined ? {} : { graceMs }) });
}

const FIREBASE = { "package.json": JSON.stringify({ dependencies: { "firebase-functions": "^7.4.0" } }), "stubs.ts": STUBS_DTS };
const FRAMEWORK = { "package.json": JSON.stringify({ dependencies: { "@google-cloud/functions-framework": "^4.0.0" } }), "stubs.ts": STUBS_DTS };
const clean = { lateEffects: [], unhandledRejections: [] };

describe("Cloud Functions at runtime: the work a function starts completes inside its invocation", () => {
  it("v2 onRequest: un-awaited work before res.json() now lands before the response, the response is the same", async () => {
    const source = `
import { onRequest } from "firebase-functions/v2/https";
import { db, track } from "./stubs";

export const checkout = onRequest({ region: "europe-west1" }, async (req, res) => {
  const order = await db.put({ id: req.body.id });
  track("checkout");
  db.get(order.id).then(() => track("read-back"));
  res.status(201).json({ id: order.id });
});
`;
    const call = "cf.http(module.exports.checkout, { body: event })";
    const event = { id: "o-1" };
    const before = await run(source, call, event, "index.ts");
    expect(before).toEqual({
      status: "ok", result: { status: 201, body: { id: "o-1" } },
      effectsAtSettle: ["db.put:o-1", "response"], lateEffects: ["track:checkout", "db.get:o-1", "track:read-back"], unhandledRejections: [],
    });
    const rewritten = settleTwice("index.ts", source, { context: FIREBASE });
    expect(rewritten).toContain(`  await track("checkout");\n  await db.get(order.id).then(() => track("read-back"));\n  res.status(201).json`);
    const after = await run(rewritten, call, event, "index.ts");
    expect(after).toEqual({
      status: "ok", result: before.result,
      effectsAtSettle: ["db.put:o-1", "track:checkout", "db.get:o-1", "track:read-back", "response"], ...clean,
    });
  });

  it("v2 onDocumentCreated: a trigger that fires an email without returning it now waits for it", async () => {
    const source = `
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { sendEmail, track } from "./stubs";

export const welcome = onDocumentCreated("users/{uid}", (event) => {
  sendEmail(event.data.email);
  track("welcome");
});
`;
    const call = "cf.background(module.exports.welcome, { data: event })";
    const event = { email: "ada@example.com" };
    const before = await run(source, call, event, "triggers.ts");
    expect(before).toEqual({ status: "ok", result: undefined, effectsAtSettle: [], lateEffects: ["track:welcome", "email:ada@example.com"], unhandledRejections: [] });
    const rewritten = settleTwice("triggers.ts", source, { context: FIREBASE });
    expect(rewritten).toContain(`(event) => {\n  await sendEmail(event.data.email);\n  await track("welcome");\n});`);
    expect(rewritten).toContain(`onDocumentCreated("users/{uid}", async (event) => {`);
    const after = await run(rewritten, call, event, "triggers.ts");
    expect(after).toEqual({ status: "ok", result: undefined, effectsAtSettle: ["email:ada@example.com", "track:welcome"], ...clean });
  });

  it("v1 builder chains in JavaScript: https.onRequest and firestore.document().onCreate", async () => {
    const source = `
const functions = require("firebase-functions/v1");
const { db, sendEmail, track } = require("./stubs");

exports.addMessage = functions.https.onRequest((req, res) => {
  db.put({ id: req.query.id }).then(() => track("added"));
  res.send("ok");
});

exports.notify = functions.region("europe-west1").firestore.document("messages/{id}").onCreate((snap) => {
  sendEmail(snap.to);
  return null;
});
`;
    const http = "cf.http(module.exports.addMessage, { query: event })";
    const background = "cf.background(module.exports.notify, event)";
    const before = [await run(source, http, { id: "m-1" }, "index.js"), await run(source, background, { to: "bob@example.com" }, "index.js")];
    expect(before).toEqual([
      { status: "ok", result: { status: 200, body: "ok" }, effectsAtSettle: ["response"], lateEffects: ["db.put:m-1", "track:added"], unhandledRejections: [] },
      { status: "ok", result: null, effectsAtSettle: [], lateEffects: ["email:bob@example.com"], unhandledRejections: [] },
    ]);
    const rewritten = settleTwice("index.js", source, { context: FIREBASE });
    const after = [await run(rewritten, http, { id: "m-1" }, "index.js"), await run(rewritten, background, { to: "bob@example.com" }, "index.js")];
    expect(after).toEqual([
      { status: "ok", result: { status: 200, body: "ok" }, effectsAtSettle: ["db.put:m-1", "track:added", "response"], ...clean },
      { status: "ok", result: null, effectsAtSettle: ["email:bob@example.com"], ...clean },
    ]);
  });

  it("onRequest(app) with an Express app: its middleware and routes are followed", async () => {
    const source = `
const functions = require("firebase-functions/v1");
const express = require("express");
const { db, sleep, track } = require("./stubs");

const app = express();

function audit(req, res, next) {
  sleep(60);
  next();
}

app.use(audit);

app.post("/orders", async (req, res) => {
  const order = await db.put({ id: req.body.id });
  track("order-created");
  res.status(201).json(order);
});

exports.api = functions.https.onRequest(app);
`;
    const call = "cf.http(module.exports.api, { method: 'POST', path: '/orders', body: event })";
    const event = { id: "o-7" };
    // The middleware's work takes 60 ms against db.put's 5, so that a loaded machine cannot reorder them; the grace
    // period after the response outlasts it.
    const before = await run(source, call, event, "index.js", 600);
    expect(before).toEqual({
      status: "ok", result: { status: 201, body: { id: "o-7" } },
      effectsAtSettle: ["db.put:o-7", "response"], lateEffects: ["track:order-created", "sleep:60"], unhandledRejections: [],
    });
    const rewritten = settleTwice("index.js", source, { context: { ...FIREBASE, "package.json": JSON.stringify({ dependencies: { "firebase-functions": "^7.4.0", express: "^4.21.0" } }) } });
    expect(rewritten).toContain(`async function audit(req, res, next) {\n  await sleep(60);\n  next();`);
    const after = await run(rewritten, call, event, "index.js", 600);
    expect(after).toEqual({
      status: "ok", result: before.result,
      effectsAtSettle: ["sleep:60", "db.put:o-7", "track:order-created", "response"], ...clean,
    });
  });

  it("functions framework: http() and cloudEvent() registrations", async () => {
    const source = `
const functions = require("@google-cloud/functions-framework");
const { sendEmail, track } = require("./stubs");

functions.http("hello", (req, res) => {
  track("hello");
  res.send("Hello " + req.query.name);
});

functions.cloudEvent("onUpload", (cloudEvent) => {
  sendEmail(cloudEvent.data.owner);
});
`;
    const http = `cf.http(cf.registered.hello, { query: event })`;
    const background = `cf.background(cf.registered.onUpload, { data: event })`;
    const before = [await run(source, http, { name: "Ada" }, "index.js"), await run(source, background, { owner: "ada@example.com" }, "index.js")];
    expect(before).toEqual([
      { status: "ok", result: { status: 200, body: "Hello Ada" }, effectsAtSettle: ["response"], lateEffects: ["track:hello"], unhandledRejections: [] },
      { status: "ok", result: undefined, effectsAtSettle: [], lateEffects: ["email:ada@example.com"], unhandledRejections: [] },
    ]);
    const rewritten = settleTwice("index.js", source, { context: FRAMEWORK });
    const after = [await run(rewritten, http, { name: "Ada" }, "index.js"), await run(rewritten, background, { owner: "ada@example.com" }, "index.js")];
    expect(after).toEqual([
      { status: "ok", result: { status: 200, body: "Hello Ada" }, effectsAtSettle: ["track:hello", "response"], ...clean },
      { status: "ok", result: undefined, effectsAtSettle: ["email:ada@example.com"], ...clean },
    ]);
  });

  it("work started after the response is sent is reported (after-response), not rewritten, and stays late", async () => {
    const source = `
import { onRequest } from "firebase-functions/v2/https";
import { track } from "./stubs";

export const ping = onRequest((req, res) => {
  res.send("pong");
  track("after-pong");
});
`;
    const first = transformSource("index.ts", source, transforms, { context: FIREBASE });
    expect(first.changed).toBe(false);
    expect(first.findings.map((f) => [f.line, f.rule])).toEqual([[7, "after-response"]]);
    const outcome = await run(source, "cf.http(module.exports.ping, {})", {}, "index.ts");
    expect(outcome).toEqual({ status: "ok", result: { status: 200, body: "pong" }, effectsAtSettle: ["response"], lateEffects: ["track:after-pong"], unhandledRejections: [] });
  });

  it("without types (no node_modules): the logger, res.* and a cloudEvent callback are no calls of unknown type; another unknown call still is", () => {
    const source = `
const functions = require("firebase-functions/v1");
const { logger } = require("firebase-functions");
const { warn } = require("firebase-functions/logger");
const framework = require("@google-cloud/functions-framework");
const mailer = require("mailer");

exports.hello = functions.https.onRequest((req, res) => {
  functions.logger.log("hello", req.query);
  logger.info("hello");
  warn("deprecated");
  res.status(200).send("hi");
});

framework.cloudEvent("withCallback", (event, callback) => {
  mailer.send(event.data);
  callback();
});
`;
    const context = { "package.json": JSON.stringify({ dependencies: { "firebase-functions": "^7.4.0", "@google-cloud/functions-framework": "^4.0.0", mailer: "^1.0.0" } }) };
    const result = transformSource("index.js", source, transforms, { context });
    expect(result.changed).toBe(false);
    expect(result.findings.map((f) => [f.line, f.rule])).toEqual([[16, "unknown-type"]]);
  });

  it("a look-alike onRequest in a package without firebase-functions is left alone", () => {
    const source = `
import { onRequest } from "./router";
import { track } from "./stubs";

export const ping = onRequest((req: unknown, res: { send(body: string): void }) => {
  track("ping");
  res.send("pong");
});
`;
    const context = { "package.json": JSON.stringify({ dependencies: { express: "^5.0.0" } }), "stubs.ts": STUBS_DTS, "router.ts": "export declare function onRequest<T>(fn: T): T;" };
    const result = transformSource("index.ts", source, transforms, { context });
    expect(result).toEqual({ text: source, changed: false, findings: [], failure: undefined });
  });
});
