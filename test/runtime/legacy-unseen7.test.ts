/**
 * unseen7 (issue 11), fixture callback-handlers/quiet-error-listener: the answer comes through an HTTPS request (the
 * first chunk of its response, or the response's end) and the request's "error" listener only logs. When the request
 * fails, the old runtime ran that listener, found the event loop empty and answered null; the rewrite settle made
 * before (main d6af94a: resolve in the listener, the error listener as it was) never settles on that path, so the
 * invocation times out. settle now leaves such a handler as it is, with a finding. The sibling whose error listener
 * fails the invocation converts: its output under Node.js 24 rules equals the original under the old runtime.
 * Modules loaded as they are, the answer read whole.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { fakeHttps } from "../helpers/fake-https.js";

const DIR = path.join(FIXTURES, "callback-handlers", "quiet-error-listener");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");

/** What settle wrote for notify.js before this rule (main at d6af94a). */
const OLD_NOTIFY = `'use strict';
const https = require('https');

exports.handler = async function (event, context) {
  const body = JSON.stringify({ text: event.text });
  return new Promise((resolve, reject) => {
    const req = https.request({ method: 'POST', path: event.path }, function (res) {
      res.setEncoding('utf8');
      res.on('data', function () {
        resolve();
      });
    });
    req.on('error', function (e) {
      console.log('problem with request: ' + e.message);
    });
    req.write(body);
    req.end();
  });
};
`;

/** What settle wrote for fetch.js before this rule (main at d6af94a). */
const OLD_FETCH = `'use strict';
const https = require('https');

exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    https
      .get(event.url, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      })
      .on('error', (err) => console.error('request failed', err.message));
  });
};
`;

/** What settle wrote for bodyless.js before this rule (main at d6af94a). */
const OLD_BODYLESS = `'use strict';
const https = require('https');

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    const req = https.request({ method: 'POST', path: event.path }, function (res) {
      res.on('data', function () {
        resolve('delivered');
      });
    });
    req.end();
  });
};
`;

async function runOnce(code: string, file: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: file, event, runtime, modules: { log, https: fakeHttps(log) }, serializeResult: true, timeoutMs: 300 });
}

const answer = (result: unknown, effects: string[]) => ({ status: "ok", result, effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });

describe("unseen7: the answer comes through a request whose error listener only logs", () => {
  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  it("settle leaves both handlers as they are, with a finding at the error listener", () => {
    const findings = read("findings.txt");
    expect(findings).toContain('notify.js:13:19  [blocking] the "error" listener on req does not answer');
    expect(findings).toContain('fetch.js:12:18  [blocking] the "error" listener on https.get(…) does not answer');
    expect(findings).toContain('bodyless.js:7:20  [blocking] the invocation is answered only in the "data" listener on res');
  });

  it("an answer only in the response's data listener: a body-less reply answered null under the old runtime, the rewrite settle made before times out", async () => {
    const empty = { path: "/empty" };
    expect(await runOnce(read("bodyless.input.js"), "bodyless.js", empty, "legacy")).toEqual(answer(null, ["https:/empty"]));
    expect(await runOnce(OLD_BODYLESS, "bodyless.js", empty, "node24")).toEqual({
      status: "timeout",
      error: { name: "Sandbox.Timedout", message: "Task timed out after 300 ms" },
      effectsAtSettle: ["https:/empty"],
      lateEffects: [],
      unhandledRejections: [],
    });
    expect(await runOnce(OLD_BODYLESS, "bodyless.js", { path: "/ok" }, "node24")).toEqual(answer("delivered", ["https:/ok"]));
    expect(await runOnce(read("bodyless.input.js"), "bodyless.js", { path: "/ok" }, "legacy")).toEqual(answer("delivered", ["https:/ok"]));
  });

  it("the old runtime answers null when the request fails; the rewrite settle made before times out there", async () => {
    const notifyDown = { text: "hi", path: "/down" };
    expect(await runOnce(read("notify.input.js"), "notify.js", notifyDown, "legacy")).toEqual(answer(null, ["https:/down"]));
    expect(await runOnce(OLD_NOTIFY, "notify.js", notifyDown, "node24")).toEqual({
      status: "timeout",
      error: { name: "Sandbox.Timedout", message: "Task timed out after 300 ms" },
      effectsAtSettle: ["https:/down"],
      lateEffects: [],
      unhandledRejections: [],
    });
    const fetchDown = { url: "https://example.com/down" };
    expect(await runOnce(read("fetch.input.js"), "fetch.js", fetchDown, "legacy")).toEqual(answer(null, ["https:/down"]));
    expect((await runOnce(OLD_FETCH, "fetch.js", fetchDown, "node24")).status).toBe("timeout");
    // When the request succeeds, that rewrite answered as the original did: only the failing path differs.
    expect(await runOnce(OLD_NOTIFY, "notify.js", { text: "hi", path: "/ok" }, "node24")).toEqual(
      await runOnce(read("notify.input.js"), "notify.js", { text: "hi", path: "/ok" }, "legacy"),
    );
    expect(await runOnce(OLD_FETCH, "fetch.js", { url: "https://example.com/ok" }, "node24")).toEqual(answer("body of /ok", ["https:/ok"]));
    expect(await runOnce(read("fetch.input.js"), "fetch.js", { url: "https://example.com/ok" }, "legacy")).toEqual(answer("body of /ok", ["https:/ok"]));
  });

  it("an error listener that fails the invocation: the converted handler under Node.js 24 equals the original", async () => {
    expect(read("answered.output.js")).not.toBe(read("answered.input.js"));
    // Unconverted, Node.js 24 refuses the three-parameter handler.
    expect((await runOnce(read("answered.input.js"), "answered.js", { path: "/ok" }, "node24")).status).toBe("refused");
    for (const event of [{ path: "/ok" }, { path: "/down" }]) {
      const legacy = await runOnce(read("answered.input.js"), "answered.js", event, "legacy");
      expect(await runOnce(read("answered.output.js"), "answered.js", event, "node24")).toEqual(legacy);
    }
    expect(await runOnce(read("answered.output.js"), "answered.js", { path: "/ok" }, "node24")).toEqual(answer("body of /ok", ["https:/ok"]));
    expect(await runOnce(read("answered.output.js"), "answered.js", { path: "/down" }, "node24")).toMatchObject({
      status: "error",
      error: { name: "Error", message: "getaddrinfo ENOTFOUND down" },
      effectsAtSettle: ["https:/down"],
    });
  });
});
