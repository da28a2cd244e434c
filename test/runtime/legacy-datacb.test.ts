/**
 * The AWS SAM Splunk blueprints (issue 11, unseen5 N2), fixture callback-handlers/data-only-helper: the handler
 * gives `log.send((error, response) => { … callback(…) })` a function literal, and BatchLog.prototype.send calls
 * it only from the response's "data" listener (and the request's "error"). A response without a body (a 204)
 * never emits "data": the old runtime then answered null once the event loop was empty; the rewrite settle made
 * before (resolve/reject inside the literal) never settles under Node.js 24, and the invocation times out. settle
 * now leaves that handler as it is, with a finding. The twin whose EndedLog calls back on "end" is converted:
 * under Node.js 24 it answers what the original answered under the old runtime, with a body and without.
 * Modules loaded as they are, the answer read whole.
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

const DIR = path.join(FIXTURES, "callback-handlers", "data-only-helper");
const read = (name: string) => readFileSync(path.join(DIR, name), "utf8");

/** What settle wrote for index.js before this rule (main at cc68e42): the answers in the literal became resolve/reject. */
const OLD_REWRITE = `'use strict';

const BatchLog = require('./lib/batch-log');

const log = new BatchLog({ hostname: 'logs.example.com', path: '/batch', method: 'POST' });

exports.handler = async (event, context) => {
  log.add(event.id);
  return new Promise((resolve, reject) => {
    log.send((error, response) => {
      if (error) {
        reject(error);
      } else {
        console.log('sent', response);
        resolve(event.id);
      }
    });
  });
};
`;

/** How the log service answers: 200 with a body, 204 without one, or a request error. */
type Mode = "body" | "empty" | "down";

/**
 * `https.request(options, onResponse)`: 5ms after `end(text)` it records `https:<path> <text>`, then calls back with a
 * response that emits "data" (mode body) and "end", or emits "error" on the request (mode down). The exchange is
 * pending work until the response's "end" (or the error) has been emitted, as the socket is for the event loop.
 */
function fakeHttps(log: EffectLog, mode: Mode) {
  return {
    request: (options: { path: string }, onResponse: (res: EventEmitter) => void) => {
      const req = Object.assign(new EventEmitter(), {
        end(text: string) {
          void trackPending(log, new Promise((r) => setTimeout(r, 5)).then(() => {
            log.record(`https:${options.path} ${text}`);
            if (mode === "down") return void req.emit("error", new Error("getaddrinfo ENOTFOUND logs.example.com"));
            const res = Object.assign(new EventEmitter(), { statusCode: mode === "body" ? 200 : 204, setEncoding() {} });
            onResponse(res);
            return new Promise((r) => setImmediate(r)).then(() => {
              if (mode === "body") res.emit("data", '{"text":"Success"}');
              res.emit("end");
            });
          }));
        },
      });
      return req;
    },
  };
}

function modulesFor(log: EffectLog, mode: Mode): Record<string, unknown> {
  const https = fakeHttps(log, mode);
  return {
    log,
    "./lib/batch-log": loadCommonJs(read("lib/batch-log.input.js"), { https }),
    "./lib/ended-log": loadCommonJs(read("lib/ended-log.input.js"), { https }),
  };
}

async function runOnce(code: string, mode: Mode, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "index.js", event: { id: "a1" }, runtime, modules: modulesFor(log, mode), serializeResult: true, timeoutMs: 300 });
}

const sent = ["https:/batch a1"];

describe("Splunk flushAsync: a project function that calls back only from a response's \"data\" listener", () => {
  beforeAll(() => void vi.spyOn(console, "log").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("the settle output is the input: without a body the old runtime answers null at the empty loop; Node.js 24 refuses the handler", async () => {
    expect(read("index.input.js")).not.toContain("async");
    expect(await runOnce(read("index.input.js"), "empty", "legacy")).toEqual({ status: "ok", result: null, effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] });
    expect(await runOnce(read("index.input.js"), "body", "legacy")).toEqual({ status: "ok", result: "a1", effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] });
    expect((await runOnce(read("index.input.js"), "empty", "node24")).status).toBe("refused");
  });

  it("the rewrite settle made before never settles under Node.js 24 without a body (the invocation times out)", async () => {
    const after = await runOnce(OLD_REWRITE, "empty", "node24");
    expect(after).toEqual({ status: "timeout", error: { name: "Sandbox.Timedout", message: "Task timed out after 300 ms" }, effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] });
    // With a body it answered the same: only the body-less response tells them apart.
    expect(await runOnce(OLD_REWRITE, "body", "node24")).toEqual({ status: "ok", result: "a1", effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] });
  });

  it("the twin calling back on \"end\": the converted handler under Node.js 24 equals the original under the old runtime", async () => {
    expect(read("ended.output.js")).not.toBe(read("ended.input.js"));
    expect((await runOnce(read("ended.input.js"), "body", "node24")).status).toBe("refused");
    const expected: Record<Mode, InvocationOutcome> = {
      body: { status: "ok", result: "a1", effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] },
      empty: { status: "error", error: { name: "Error", message: "status 204" }, effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] },
      down: { status: "error", error: { name: "Error", message: "getaddrinfo ENOTFOUND logs.example.com" }, effectsAtSettle: sent, lateEffects: [], unhandledRejections: [] },
    };
    for (const mode of ["body", "empty", "down"] as const) {
      expect(await runOnce(read("ended.input.js"), mode, "legacy"), mode).toEqual(expected[mode]);
      expect(await runOnce(read("ended.output.js"), mode, "node24"), mode).toEqual(expected[mode]);
    }
  });
});
