/**
 * Behavioural tests for the error-branch rule (issue 11, transforms/callback-handlers/error-branch.ts): an answer
 * that went out at once on the error branch of an error-first callback, followed on its path by logs and a read
 * of the result the error left null. The fixture's original runs under the old runtime (context.succeed/fail/done
 * and callback(err) answer at once; the TypeError after the answer is an uncaughtException that only ends the
 * process), its .output under Node.js 24 rules; the stubs call back from I/O (callFromIo), so a throw in a callback
 * reaches the runtime before the promise jobs a reject() queued. Same answers, same effects (the logs included).
 * A control run shows what the rule prevents: the conversion without the `return` answers the TypeError instead.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callFromIo, createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const DIR = path.join(FIXTURES, "callback-handlers", "answer-then-throw-error-branch");
const input = readFileSync(path.join(DIR, "handlers.input.js"), "utf8");
const output = readFileSync(path.join(DIR, "handlers.output.js"), "utf8");

type NodeCallback = (err: unknown, data?: unknown) => void;

/** AWS SDK v2 stand-ins (data null on an error, as AWS.Request does), a logger and an audit trail that record. */
function fakes(log: EffectLog): Record<string, unknown> {
  const request = (effect: string, key: string, found: unknown, cb: NodeCallback) =>
    void trackPending(log, new Promise<void>((done) => setTimeout(() => {
      log.record(`${effect}:${key}`);
      callFromIo(log, () => (key === "broken" ? cb(new Error("db down"), null) : cb(null, found)));
      done();
    }, 5)));
  const DynamoDB = class {
    getItem(params: { Key: string }, cb: NodeCallback) { request("dynamo.getItem", params.Key, { Item: { name: `name of ${params.Key}`, table: `table of ${params.Key}` } }, cb); }
  };
  const S3 = class {
    getObject(params: { Key: string }, cb: NodeCallback) { request("s3.getObject", params.Key, { Body: Buffer.from(`body of ${params.Key}`) }, cb); }
  };
  const logger = {
    info: (m: unknown) => log.record(`info:${String(m)}`),
    error: (m: unknown) => log.record(`error:${String(m)}`),
  };
  return {
    log,
    "aws-sdk": { DynamoDB, S3 },
    child_process: { exec: () => undefined },
    "./logger": logger,
    "./services": { audit: { record: (what: string) => log.record(`audit:${what}`) }, lookup: () => undefined },
  };
}

async function run(code: string, exportName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "handlers.js", exportName, event, runtime, modules: fakes(log), serializeResult: true });
}

const ok = (result: unknown) => ({ status: "ok", result });
const failed = (name: string, message: string) => ({ status: "error", error: { name, message } });

const CASES: { exportName: string; event: unknown; outcome: object; effects: string[] }[] = [
  { exportName: "sdkGet", event: { key: "a" }, outcome: ok("name of a"), effects: ["dynamo.getItem:a", "info:looked up", "audit:name of a"] },
  // The error, then the log after the branch; the TypeError on data.Item only ended the process (nothing after it ran).
  { exportName: "sdkGet", event: { key: "broken" }, outcome: failed("Error", "db down"), effects: ["dynamo.getItem:broken", "error:Error: db down", "info:looked up"] },
  { exportName: "viaCallback", event: { key: "a" }, outcome: ok("body of a"), effects: ["s3.getObject:a"] },
  { exportName: "viaCallback", event: { key: "broken" }, outcome: failed("Error", "db down"), effects: ["s3.getObject:broken"] },
  { exportName: "named", event: { prefix: "a" }, outcome: ok("table of a"), effects: ["dynamo.getItem:a", "info:found configuration for a"] },
  { exportName: "named", event: { prefix: "broken" }, outcome: failed("Error", "db down"), effects: ["dynamo.getItem:broken"] },
];

describe("error-branch answers: the old runtime's answer and effects, on Node.js 24", () => {
  for (const c of CASES) {
    it(`${c.exportName} ${JSON.stringify(c.event)}`, async () => {
      const expected = { ...c.outcome, effectsAtSettle: c.effects, lateEffects: [], unhandledRejections: [] };
      expect(await run(input, c.exportName, c.event, "legacy"), "the original, old runtime").toEqual(expected);
      expect(await run(output, c.exportName, c.event, "node24"), "the rewrite, Node.js 24").toEqual(expected);
      // Three parameters: Node.js 24 refuses the original; two: its context has no succeed/fail/done.
      const before = await run(input, c.exportName, c.event, "node24");
      expect(before).not.toEqual(expected);
    });
  }

  it("a module variable as the error (context.done(failure, msg), failure = \"error\"): both runtimes answer the string", async () => {
    const code = `const logger = require("./logger");
var failure = "error";
exports.handler = function (event, context) {
  function found(info, err, data) {
    if (err) {
      logger.error(err);
      context.done(failure, "no configuration for " + info.prefix);
    }
    logger.info(\`found \${info.prefix}\`);
    var config = data.Item;
    context.done(null, config.table);
  }
  found({ prefix: event.prefix }, event.fail ? "lookup failed" : null, event.fail ? undefined : { Item: { table: "t" } });
};
`;
    // Not this rule's shape (the function is called with a live error): run the original in the old runtime and the
    // rewrite the rule would give, to pin down the answer value and effects of context.done(<module string>, msg).
    const rewritten = code
      .replace("exports.handler = function (event, context) {", "exports.handler = async function (event, context) {\n  return new Promise((resolve, reject) => {")
      .replace(`      context.done(failure, "no configuration for " + info.prefix);`, `      reject(failure);\n      logger.info(\`found \${info.prefix}\`);\n      return;`)
      .replace("      context.done(null, config.table);", "      resolve(config.table);")
      .replace(/\n};\n$/, "\n  });\n};\n");
    const expected = { ...failed("string", "error"), effectsAtSettle: ["error:lookup failed", "info:found x"], lateEffects: [], unhandledRejections: [] };
    const event = { prefix: "x", fail: true };
    const invokeWith = (src: string, runtime: "legacy" | "node24") => {
      const log = createEffectLog();
      return invoke({ code: src, fileName: "h.js", event, runtime, modules: fakes(log) });
    };
    // Called synchronously here, so the old runtime's TypeError after the answer is a throw of the handler: the answer was sent first.
    expect(await invokeWith(code, "legacy")).toEqual(expected);
    expect(await invokeWith(rewritten, "node24")).toEqual(expected);
  });

  it("control: the conversion without the added return answers the TypeError instead of the error", async () => {
    const naive = output.replace(/\n\s*logger\.info\("looked up"\);\n\s*return;(?=\n\s*\})/, "");
    expect(naive).not.toBe(output);
    const outcome = await run(naive, "sdkGet", { key: "broken" }, "node24");
    expect(outcome.status).toBe("error");
    expect(outcome.error).toEqual({ name: "TypeError", message: "Cannot read properties of null (reading 'Item')" });
  });
});
