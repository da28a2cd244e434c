/**
 * Behavioural tests for callback-handlers' wrapper rewrites, against the real packages: each
 * fixture's original runs under the old runtime (callback, context.succeed), its rewritten output
 * (the fixture's .output file, which the fixture runner proves the transform produces) under
 * Node.js 24 rules (no callback, no context.succeed/fail/done, handlers of three or more parameters
 * refused). A real express app answers a fake API Gateway (REST, v1) event; the responses must be
 * equal, and the original must fail on Node.js 24.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const require = createRequire(import.meta.url);
const express = require("express") as typeof import("express");

/** A real express app: GET /hello?name=, POST /echo (JSON), GET /fail (an error, express' 500 page). */
function makeApp(log: EffectLog) {
  const app = express();
  app.get("/hello", (req, res) => {
    log.record(`hello:${String(req.query.name ?? "world")}`);
    res.set("x-handled-by", "express").json({ hello: req.query.name ?? "world" });
  });
  app.post("/items", (req, res) => res.status(201).json({ created: req.get("content-type") }));
  app.get("/fail", (_req, _res, next) => next(new Error("boom")));
  // The fixtures take the app as the module (`require('./app')`) and as a named export (`import { app }`).
  return Object.assign(app, { app });
}

/** An API Gateway REST (v1) proxy event. */
function apiGatewayEvent(method: string, pathname: string, query: Record<string, string> | null = null, body?: unknown) {
  const headers: Record<string, string> = { Host: "example.execute-api.us-east-1.amazonaws.com", ...(body ? { "Content-Type": "application/json" } : {}) };
  return {
    resource: "/{proxy+}",
    path: pathname,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: { proxy: pathname.slice(1) },
    stageVariables: null,
    requestContext: { resourcePath: "/{proxy+}", httpMethod: method, path: `/dev${pathname}`, stage: "dev", requestId: "r-1", identity: { sourceIp: "127.0.0.1" } },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

type Proxy = (server: unknown, event: unknown, context: object, mode?: string, callback?: unknown) => { promise?: Promise<unknown> };

/**
 * aws-serverless-express as it is, with two things the harness cannot see made visible. The request
 * in flight (a socket of a real http server) keeps the old runtime's event loop busy until the
 * response is sent, so the harness must not answer null before it. And without context.succeed
 * (Node.js 24) the package throws when the response arrives, outside the invocation (a crash of the
 * process in Lambda): thrown here at the call, where the harness sees it.
 */
function trackedAwsServerlessExpress(log: EffectLog) {
  const real = require("aws-serverless-express") as { proxy: Proxy };
  const proxy: Proxy = (server, event, context, mode, callback) => {
    const answersThrough = mode === "CALLBACK" ? callback : mode === "PROMISE" ? undefined : (context as { succeed?: unknown }).succeed;
    if (mode !== "PROMISE" && typeof answersThrough !== "function") throw new TypeError(`${mode === "CALLBACK" ? "callback" : "context.succeed"} is not a function`);
    let sent!: () => void;
    void trackPending(log, new Promise<void>((resolve) => (sent = resolve)));
    const settled = (fn: unknown) => (...args: unknown[]) => { sent(); return (fn as (...a: unknown[]) => unknown)(...args); };
    if (mode === "CALLBACK") return real.proxy(server, event, context, mode, settled(callback));
    if (!mode) return real.proxy(server, event, Object.assign(context, { succeed: settled(answersThrough) }));
    const out = real.proxy(server, event, context, mode, callback);
    void out.promise!.finally(sent);
    return out;
  };
  return { ...real, proxy };
}

function modulesFor(log: EffectLog, middy: unknown) {
  const app = makeApp(log);
  return {
    log,
    "./app": app,
    "./app.mjs": app,
    "./app-promise": Promise.resolve(app),
    express,
    "@vendia/serverless-express": require("@vendia/serverless-express"),
    "@codegenie/serverless-express": require("@codegenie/serverless-express"),
    "aws-serverless-express": trackedAwsServerlessExpress(log),
    "@middy/core": middy,
    // A middleware both middy 1 (`before(request, next)`, which must call next) and middy 6 (`before(request)`) take.
    "./middlewares": {
      stamp: () => ({
        before: (request: { event: { stamped?: string } }, next?: () => void) => {
          request.event.stamped = "t0";
          if (typeof next === "function") next();
        },
      }),
    },
  };
}

let middyV1: unknown;
let middyCurrent: unknown;
beforeAll(async () => {
  // The original ran with middy 1 (it called back); the converted inner handler runs with @middy/core 6.
  middyV1 = require("middy-core-v1");
  middyCurrent = ((await import("@middy/core")) as { default: unknown }).default;
});

function fixture(file: string): { input: string; output: string } {
  const [base, ext] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf(".") + 1)];
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "callback-handlers", `${base}.${kind}.${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

type Response = { statusCode: number; body: string; headers?: Record<string, unknown> };

interface Scenario {
  exportName: string;
  event: ReturnType<typeof apiGatewayEvent>;
  /** What both runtimes answer (status code, JSON body or a part of the text, a header). */
  expect: { statusCode: number; json?: unknown; bodyIncludes?: string; handledBy?: boolean };
  effects: string[];
  /** How the original fares on Node.js 24: refused at init, or a TypeError from context.succeed. */
  was: "refused" | "TypeError";
}

const hello = apiGatewayEvent("GET", "/hello", { name: "Ada" });
const create = apiGatewayEvent("POST", "/items", null, { n: 1 });
const failing = apiGatewayEvent("GET", "/fail");
const ok = { statusCode: 200, json: { hello: "Ada" }, handledBy: true };

const CASES: Record<string, Scenario[]> = {
  "serverless-express.js": [
    { exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
    { exportName: "handler", event: create, expect: { statusCode: 201, json: { created: "application/json" } }, effects: [], was: "refused" },
    { exportName: "handler", event: failing, expect: { statusCode: 500, bodyIncludes: "boom" }, effects: [], was: "refused" },
    { exportName: "callbackMode", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
  ],
  "serverless-express-esm.mjs": [{ exportName: "default", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" }],
  "serverless-express-handoff.js": [
    { exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
    { exportName: "cached", event: failing, expect: { statusCode: 500, bodyIncludes: "boom" }, effects: [], was: "refused" },
    { exportName: "bootstrapped", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
    { exportName: "bootstrapped", event: failing, expect: { statusCode: 500, bodyIncludes: "boom" }, effects: [], was: "refused" },
    { exportName: "lazy", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
  ],
  // The NestJS documentation's handler: `server = server ?? (await bootstrap())`.
  "serverless-express-nest-docs.ts": [{ exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" }],
  // The NestJS starters' cached instance, reached through `await bootstrap()`.
  "serverless-express-bootstrap.ts": [
    { exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
    { exportName: "handler", event: create, expect: { statusCode: 201, json: { created: "application/json" } }, effects: [], was: "refused" },
  ],
  "aws-serverless-express.js": [
    { exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "TypeError" },
    { exportName: "handler", event: failing, expect: { statusCode: 500, bodyIncludes: "boom" }, effects: [], was: "TypeError" },
    { exportName: "block", event: create, expect: { statusCode: 201, json: { created: "application/json" } }, effects: [], was: "TypeError" },
    { exportName: "callbackMode", event: hello, expect: ok, effects: ["hello:Ada"], was: "refused" },
  ],
  "aws-serverless-express-esm.mjs": [{ exportName: "handler", event: hello, expect: ok, effects: ["hello:Ada"], was: "TypeError" }],
};

async function runOnce(code: string, file: string, s: Scenario, runtime: "legacy" | "node24", middy = runtime === "legacy" ? middyV1 : middyCurrent): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const fileName = file.replace(/\.mjs$/, ".js");
  const modules = modulesFor(log, middy);
  return invoke({ code, fileName, exportName: s.exportName, event: s.event, runtime, modules, serializeResult: true, timeoutMs: 5000 });
}

/** The response without its `date` header (a real http server's, which differs from one second to the next). */
function withoutDate(result: unknown): unknown {
  const r = structuredClone(result) as { headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown> };
  delete r.headers?.date;
  delete r.multiValueHeaders?.date;
  return r;
}

function checkResponse(outcome: InvocationOutcome, s: Scenario): void {
  expect(outcome.status, JSON.stringify(outcome.error)).toBe("ok");
  const response = outcome.result as Response;
  expect(response.statusCode).toBe(s.expect.statusCode);
  if (s.expect.json !== undefined) expect(JSON.parse(response.body)).toEqual(s.expect.json);
  if (s.expect.bodyIncludes) expect(response.body).toContain(s.expect.bodyIncludes);
  // serverless-express 4 answers REST events with multiValueHeaders, aws-serverless-express with headers.
  const multi = (response as { multiValueHeaders?: Record<string, unknown[]> }).multiValueHeaders;
  if (s.expect.handledBy) expect(response.headers?.["x-handled-by"] ?? multi?.["x-handled-by"]?.[0]).toBe("express");
}

describe("callback-handlers wrapper rewrites at run time (real packages, freeze harness)", () => {
  for (const [file, scenarios] of Object.entries(CASES)) {
    const { input, output } = fixture(file);
    for (const s of scenarios) {
      it(`${file} ${s.exportName} ${s.event.httpMethod} ${s.event.path}: same response before (old runtime) and after (Node.js 24)`, async () => {
        const before = await runOnce(input, file, s, "legacy");
        checkResponse(before, s);
        const after = await runOnce(output, file, s, "node24");
        checkResponse(after, s);
        expect(withoutDate(after.result)).toEqual(withoutDate(before.result));
        expect(before.effectsAtSettle).toEqual(s.effects);
        expect(after.effectsAtSettle).toEqual(s.effects);
        const broken = await runOnce(input, file, s, "node24");
        if (s.was === "refused") expect(broken.status).toBe("refused");
        else expect(broken.error?.name).toBe("TypeError");
      });
    }
  }

  it("wrappers.ts validated: a callback-style inner handler under middy 1 answers as the converted one under @middy/core 6 on Node.js 24", async () => {
    const { input, output } = fixture("wrappers.ts");
    const s: Scenario = { exportName: "validated", event: hello, expect: { statusCode: 0 }, effects: [], was: "refused" };
    const before = await runOnce(input, "wrappers.ts", s, "legacy");
    const after = await runOnce(output, "wrappers.ts", s, "node24");
    expect(before).toMatchObject({ status: "ok", result: { ok: true } });
    expect(after).toMatchObject({ status: "ok", result: { ok: true } });
    // The original under Node.js 24: middy 1 exports (event, context, callback), refused at init;
    // with @middy/core 6 the inner handler's `callback` is middy's options object and the call throws.
    expect((await runOnce(input, "wrappers.ts", s, "node24", middyV1)).status).toBe("refused");
    expect((await runOnce(input, "wrappers.ts", s, "node24", middyCurrent)).error?.name).toBe("TypeError");
  });

  it("middy-use.js: the inner handler with .use() middleware answers and fails the same under middy 1 (before) and @middy/core 6 (after)", async () => {
    const { input, output } = fixture("middy-use.js");
    const named: Scenario = { exportName: "handler", event: { name: "Ada" } as never, expect: { statusCode: 200 }, effects: [], was: "refused" };
    const before = await runOnce(input, "middy-use.js", named, "legacy");
    const after = await runOnce(output, "middy-use.js", named, "node24");
    expect(before).toMatchObject({ status: "ok", result: { statusCode: 200, body: "hello Ada at t0" } });
    expect(after.result).toEqual(before.result);
    const unnamed: Scenario = { ...named, event: {} as never };
    const failedBefore = await runOnce(input, "middy-use.js", unnamed, "legacy");
    const failedAfter = await runOnce(output, "middy-use.js", unnamed, "node24");
    expect(failedBefore).toMatchObject({ status: "error", error: { name: "Error", message: "name required" } });
    expect(failedAfter).toMatchObject({ status: "error", error: failedBefore.error });
    expect((await runOnce(input, "middy-use.js", named, "node24", middyV1)).status).toBe("refused");
  });
});
