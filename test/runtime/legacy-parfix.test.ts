/**
 * Why callback-handlers reports, instead of rewriting, two shapes an earlier version converted (issue 11,
 * review of converted diffs), with the real `async` package (a dev dependency):
 * - an answer that lies only in a queue's drain (aws-lambda-fanout): with no record nothing is pushed, the
 *   drain never runs, and the old runtime answered null once the event loop was empty, while the old
 *   rewrite's promise never settles (the invocation times out);
 * - a waiting answer (`callback(null, x)`) on the error path of a parallel async function's final callback
 *   (lambda-refarch-mapreduce's reducerCoordinator): the final callback runs at the first error while the
 *   other items' work is still running; the old runtime waited for it, the old rewrite's resolve answers at
 *   once and freezes it.
 * The original (the fixture's input, which settle now leaves as it is and reports) runs under the old
 * runtime; OLD_REWRITE (what settle produced before, verbatim) under Node.js 24 rules.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import { createEffectLog, delayedEffect, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const ASYNC_LIBRARY = createRequire(import.meta.url)("async") as unknown;
type NodeCallback = (err: unknown, value?: unknown) => void;

const input = (name: string) => readFileSync(path.join(FIXTURES, "callback-handlers", name), "utf8");

/** A sink that sends one record in 5ms (the record "broken" fails after 1ms), recording each send when it lands. */
function fakeSink(log: EffectLog) {
  return {
    send: (record: string, cb: NodeCallback) =>
      void delayedEffect(log, record === "broken" ? 1 : 5, `send:${record}`, () => {
        if (record === "broken") throw new Error("send failed");
        return record;
      }).then((v) => cb(null, v), (e) => cb(e)),
  };
}

type Outcome = Pick<InvocationOutcome, "status" | "result" | "error">;
const pick = (o: InvocationOutcome): Outcome => ({ status: o.status, ...(o.status === "ok" ? { result: o.result } : { error: o.error }) });

async function run(code: string, exportName: string, event: unknown, runtime: "legacy" | "node24", modules: (log: EffectLog) => Record<string, unknown>) {
  const log = createEffectLog();
  return invoke({ code, fileName: "handler.js", exportName, event, runtime, modules: { log, async: ASYNC_LIBRARY, ...modules(log) }, serializeResult: true, timeoutMs: 300 });
}

/** What settle made of queue-drain-answer's forwardV3 before it reported the shape (verbatim). */
const OLD_DRAIN_REWRITE = `const async = require("async");
const sink = require("./sink");

// async 3.x: drain is a method that registers the function.
exports.forwardV3 = async function (event, context) {
  const queue = async.queue((record, done) => sink.send(record, done), 2);
  return new Promise((resolve, reject) => {
    queue.drain(function () {
      resolve(\`sent \${event.Records.length}\`);
    });
    event.Records.forEach((record) => {
      queue.push(record, (err) => {
        if (err) console.error(err);
      });
    });
  });
};
`;

describe("an answer only in an async queue's drain (queue-drain-answer, forwardV3)", () => {
  const original = input("queue-drain-answer.input.js");
  const sink = (log: EffectLog) => ({ "./sink": fakeSink(log) });

  it("with records: the old runtime and the old rewrite both answer once every record is sent", async () => {
    const event = { Records: ["a", "b", "c"] };
    const before = await run(original, "forwardV3", event, "legacy", sink);
    const after = await run(OLD_DRAIN_REWRITE, "forwardV3", event, "node24", sink);
    expect(pick(before)).toEqual({ status: "ok", result: "sent 3" });
    expect(before.effectsAtSettle).toEqual(["send:a", "send:b", "send:c"]);
    expect(pick(after)).toEqual({ status: "ok", result: "sent 3" });
    expect(after.effectsAtSettle).toEqual(["send:a", "send:b", "send:c"]);
  });

  it("with no record: the old runtime answered null, the old rewrite never settles (timeout)", async () => {
    const event = { Records: [] };
    const before = await run(original, "forwardV3", event, "legacy", sink);
    const after = await run(OLD_DRAIN_REWRITE, "forwardV3", event, "node24", sink);
    expect(pick(before)).toEqual({ status: "ok", result: null });
    expect(before.effectsAtSettle).toEqual([]);
    expect(after.status).toBe("timeout");
    expect(after.error).toEqual({ name: "Sandbox.Timedout", message: "Task timed out after 300 ms" });
  });
});

/** A Lambda client stand-in: invoke(batch, cb) lands after 10ms ("broken" fails after 1ms), recording each invocation when it lands. */
function fakeLambda(log: EffectLog) {
  return {
    invoke: (batch: string, cb: NodeCallback) =>
      void delayedEffect(log, batch === "broken" ? 1 : 10, `invoke:${batch}`, () => {
        if (batch === "broken") throw new Error("invoke failed");
        return { batch };
      }).then((v) => cb(null, v), (e) => cb(e)),
  };
}
const lambda = (log: EffectLog) => ({ "./lambda": fakeLambda(log) });

/** What settle made of async-parallel-error-answer's invokeAll before it reported the shape (verbatim). */
const OLD_PARALLEL_REWRITE = `const async = require("async");
const lambda = require("./lambda");

// async.map's final callback runs at the first failed invocation while the others are still being
// sent; callback(null, …) on that path waited for them in the old runtime.
exports.invokeAll = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.map(event.batches, lambda.invoke, function (err, results) {
      if (err) {
        console.error(err);
        resolve("invocation error");
        return;
      }
      resolve(\`invoked \${results.length}\`);
    });
  });
};
`;

describe("a waiting answer on the error path of async.map's final callback (async-parallel-error-answer, invokeAll)", () => {
  const original = input("async-parallel-error-answer.input.js");

  it("every invocation succeeds: the old runtime and the old rewrite agree", async () => {
    const event = { batches: ["a", "b"] };
    const before = await run(original, "invokeAll", event, "legacy", lambda);
    const after = await run(OLD_PARALLEL_REWRITE, "invokeAll", event, "node24", lambda);
    expect(pick(before)).toEqual({ status: "ok", result: "invoked 2" });
    expect(before.effectsAtSettle).toEqual(["invoke:a", "invoke:b"]);
    expect(pick(after)).toEqual({ status: "ok", result: "invoked 2" });
    expect(after.effectsAtSettle).toEqual(["invoke:a", "invoke:b"]);
  });

  it("one fails first: the old runtime answered once the other invocations were sent, the old rewrite freezes them", async () => {
    const event = { batches: ["broken", "a", "b"] };
    const before = await run(original, "invokeAll", event, "legacy", lambda);
    const after = await run(OLD_PARALLEL_REWRITE, "invokeAll", event, "node24", lambda);
    expect(pick(before)).toEqual({ status: "ok", result: "invocation error" });
    expect(before.effectsAtSettle).toEqual(["invoke:broken", "invoke:a", "invoke:b"]);
    expect(pick(after)).toEqual({ status: "ok", result: "invocation error" });
    expect(after.effectsAtSettle).toEqual(["invoke:broken"]);
    expect(after.lateEffects).toEqual(["invoke:a", "invoke:b"]);
  });
});

describe("async final callbacks that still convert (async-parallel-error-answer-converts): same outcome and effects", () => {
  const original = input("async-parallel-error-answer-converts.input.js");
  const output = input("async-parallel-error-answer-converts.output.js");
  const failed: Outcome = { status: "error", error: { name: "Error", message: "invoke failed" } };
  const cases: { exportName: string; batches: string[]; outcome: Outcome; effects: string[] }[] = [
    // One at a time: the error ends the loop, nothing else is running (the later batch is never invoked).
    { exportName: "invokeInTurn", batches: ["a", "b"], outcome: { status: "ok", result: "invoked 2" }, effects: ["invoke:a", "invoke:b"] },
    { exportName: "invokeInTurn", batches: ["a", "broken", "b"], outcome: { status: "ok", result: "invocation error" }, effects: ["invoke:a", "invoke:broken"] },
    { exportName: "invokeOneByOne", batches: ["a", "broken", "b"], outcome: { status: "ok", result: "invocation error" }, effects: ["invoke:a", "invoke:broken"] },
    { exportName: "invokeOneByOne", batches: ["a"], outcome: { status: "ok", result: "done" }, effects: ["invoke:a"] },
    // In parallel: callback(err) answered at once in the old runtime too (the others land after it in both).
    { exportName: "invokeAll", batches: ["broken", "a"], outcome: failed, effects: ["invoke:broken"] },
    { exportName: "invokeAll", batches: ["a", "b"], outcome: { status: "ok", result: "invoked 2" }, effects: ["invoke:a", "invoke:b"] },
    { exportName: "invokeAllEither", batches: ["broken", "a"], outcome: failed, effects: ["invoke:broken"] },
    { exportName: "invokeAllEither", batches: ["a", "b"], outcome: { status: "ok", result: [{ batch: "a" }, { batch: "b" }] }, effects: ["invoke:a", "invoke:b"] },
    { exportName: "invokeAllFinish", batches: ["broken", "a"], outcome: failed, effects: ["invoke:broken"] },
    { exportName: "invokeAllFinish", batches: ["a", "b"], outcome: { status: "ok", result: "invoked 2" }, effects: ["invoke:a", "invoke:b"] },
  ];
  for (const c of cases) {
    it(`${c.exportName} ${JSON.stringify(c.batches)}`, async () => {
      const event = { batches: c.batches };
      const before = await run(original, c.exportName, event, "legacy", lambda);
      const after = await run(output, c.exportName, event, "node24", lambda);
      expect(pick(before)).toEqual(c.outcome);
      expect(pick(after)).toEqual(c.outcome);
      expect(before.effectsAtSettle).toEqual(c.effects);
      expect(after.effectsAtSettle).toEqual(c.effects);
      expect(after.lateEffects).toEqual(before.lateEffects);
      expect(after.unhandledRejections).toEqual([]);
      expect((await run(original, c.exportName, event, "node24", lambda)).status).toBe("refused");
    });
  }
});

/**
 * `https.get(url)` without a response callback: the request is an emitter that emits "response" 5ms later
 * (recording `https:<path>`) with a response whose `resume()` does nothing; pending work until then, as the
 * socket is for the event loop. `metrics.count(name)` records `name` at once.
 */
function fakeHttps(log: EffectLog) {
  const get = (url: string) => {
    const req = new EventEmitter();
    void trackPending(log, new Promise((r) => setTimeout(r, 5)).then(() => {
      log.record(`https:${new URL(url).pathname}`);
      req.emit("response", Object.assign(new EventEmitter(), { statusCode: 200, resume() {} }));
    }));
    return req;
  };
  return { https: { get }, "./metrics": { count: (name: string) => log.record(name) } };
}

/** What settle made of https-get-chain-reported's ping before it recognised the chain as a request (verbatim). */
const OLD_CHAIN_REWRITE = `const https = require("https");
const metrics = require("./metrics");

// The request starts a chain of listener registrations: the old runtime waited for it (the response
// listener ran before the answer went out), an async handler would answer first.
exports.ping = async (event, context) => {
  https.get(event.url).on("response", (res) => {
    res.resume();
    metrics.count(\`status:\${res.statusCode}\`);
  });
  return "pinged";
};
`;

describe("a request started by https.get(url).on(\"response\", …) (https-get-chain-reported, ping)", () => {
  it("the old runtime answered after the response listener ran; the old rewrite answers before the request is done", async () => {
    const original = input("https-get-chain-reported.input.js");
    const event = { url: "https://example.com/ping" };
    const before = await run(original, "ping", event, "legacy", fakeHttps);
    const after = await run(OLD_CHAIN_REWRITE, "ping", event, "node24", fakeHttps);
    expect(pick(before)).toEqual({ status: "ok", result: "pinged" });
    expect(before.effectsAtSettle).toEqual(["https:/ping", "status:200"]);
    expect(pick(after)).toEqual({ status: "ok", result: "pinged" });
    expect(after.effectsAtSettle).toEqual([]);
    expect(after.lateEffects).toEqual(["https:/ping", "status:200"]);
  });
});
