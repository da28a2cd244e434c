/**
 * CloudFormation custom resources (issue 11, unseen6's cloudformation-custom-resources*), against the REAL cfn-lambda
 * 5.1.0 (devDependency): `exports.handler = CfnLambda({ … })` under the legacy runtime, and settle's output
 * (fixture callback-handlers/cfn-lambda-paths, queue) under Node.js 24 rules. The package is loaded from
 * node_modules as it is, with two things swapped for stand-ins: `https` (test/helpers/fake-https.ts, so the PUT of
 * CloudFormation's response to event.ResponseURL is recorded with its whole body and is pending work for the
 * harness) and `fs` for the fixture's `SchemaPath` (/var/task/schema.json), and `./deploy` (the CLI deployer, which
 * the built function never uses) left out. Both runtimes must give the same answer (status, result, error) and the
 * same effects, all before the answer: cfn-lambda's function answers through context.done() once that PUT is done.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { fakeHttps } from "../helpers/fake-https.js";

const require = createRequire(import.meta.url);
const CFN_LAMBDA = require.resolve("cfn-lambda");
const quiet = { log() {}, error() {}, warn() {}, info() {} };

const SCHEMA = JSON.stringify({ type: "object", required: ["Name"], properties: { Name: { type: "string" } } });

/** The https stand-in, with the body of each request recorded when it is sent (`put:<path> <body>`). */
function recordingHttps(log: EffectLog) {
  const fake = fakeHttps(log);
  return {
    request(options: { path?: string; method?: string }, onResponse?: Parameters<typeof fake.request>[1]) {
      const req = fake.request(options, onResponse);
      const end = req.end.bind(req);
      return Object.assign(req, {
        end(chunk?: string) {
          if (chunk) req.write(chunk);
          log.record(`${options.method}:${options.path} ${req.written}`);
          end();
        },
      });
    },
  };
}

/** cfn-lambda 5.1.0 from node_modules, its own files evaluated here with `https`, `fs` and `./deploy` swapped (console quiet). */
function realCfnLambda(log: EffectLog): unknown {
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const local = createRequire(file);
    const fs = require("node:fs") as typeof import("node:fs");
    const swapped: Record<string, unknown> = {
      https: recordingHttps(log),
      "./deploy": {},
      fs: { ...fs, readFileSync: (p: string, ...rest: unknown[]) => (p === "/var/task/schema.json" ? Buffer.from(SCHEMA) : (fs.readFileSync as Function)(p, ...rest)) },
    };
    const req = (name: string) => {
      if (Object.hasOwn(swapped, name)) return swapped[name];
      if (name.startsWith(".") && !name.endsWith(".json")) return load(local.resolve(name));
      return local(name);
    };
    const body = readFileSync(file, "utf8");
    new Function("exports", "require", "module", "__filename", "__dirname", "console", body)(module.exports, req, module, file, path.dirname(file), quiet);
    return module.exports;
  };
  return load(CFN_LAMBDA);
}

/** aws-sdk's SQS as the fixture uses it: each call records `sqs.<method>:<name>` 5ms later and calls back (QueueName "bad": an error; "boom": throws at once). */
function awsSdk(log: EffectLog) {
  class SQS {
    createQueue(params: { QueueName: string }, cb: (err: Error | null, data?: unknown) => void) {
      if (params.QueueName === "boom") throw new TypeError("createQueue: bad params");
      void delayedEffect(log, 5, `sqs.createQueue:${params.QueueName}`, () => undefined).then(() =>
        params.QueueName === "bad" ? cb(Object.assign(new Error("QueueAlreadyExists"), { statusCode: 400 })) : cb(null, { QueueUrl: `https://sqs/${params.QueueName}` }));
    }
    deleteQueue(params: { QueueUrl: string }, cb: (err: Error | null, data?: unknown) => void) {
      void delayedEffect(log, 5, `sqs.deleteQueue:${params.QueueUrl}`, () => undefined).then(() => cb(null, {}));
    }
  }
  return { SQS };
}

const dir = path.join(FIXTURES, "callback-handlers", "cfn-lambda-paths");
const input = readFileSync(path.join(dir, "queue.input.js"), "utf8");
const output = readFileSync(path.join(dir, "queue.output.js"), "utf8");

/** `late`: a run expected to answer before its work is done waits for that work (up to 1s) so that the late effects all land in it. */
async function run(code: string, event: unknown, runtime: "legacy" | "node24", late = false): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const grace = late ? { graceMs: 1000, graceUntilDrained: true } : {};
  return invoke({ code, fileName: "index.js", event, runtime, modules: { log, "cfn-lambda": realCfnLambda(log), "aws-sdk": awsSdk(log) }, timeoutMs: 500, ...grace });
}

const base = { StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue", ResponseURL: "https://cfn.example/put" };
const body = (o: Record<string, unknown>) => JSON.stringify(o);

describe("cfn-lambda 5.1.0 (real): the old runtime's export vs settle's async wrapper under Node.js 24", () => {
  it("the fixture's output is the wrapper this test means", () => {
    expect(input).toContain("exports.handler = CfnLambda({");
    expect(output).toContain("const resource = CfnLambda({");
    expect(output).toContain("exports.handler = async (event, context) => new Promise((resolve, reject) => resource(event, legacyContext(context, resolve, reject)));");
  });

  const cases: [string, Record<string, unknown>, Partial<InvocationOutcome>][] = [
    [
      "Create: the resource's Create calls the API, then replies SUCCESS with its physical id and data",
      { ...base, RequestType: "Create", ResourceProperties: { ServiceToken: "arn", Name: "orders" } },
      { status: "ok", result: undefined, effectsAtSettle: ["sqs.createQueue:orders", `PUT:/put ${body({ Status: "SUCCESS", PhysicalResourceId: "https://sqs/orders", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue", Data: { Arn: "https://sqs/orders" } })}`, "https:/put"] },
    ],
    [
      "Delete: SDKAlias on the package's API, then SUCCESS with the request's physical id",
      { ...base, RequestType: "Delete", PhysicalResourceId: "https://sqs/orders", ResourceProperties: { Name: "orders" } },
      { status: "ok", result: undefined, effectsAtSettle: ["sqs.deleteQueue:https://sqs/orders", `PUT:/put ${body({ Status: "SUCCESS", PhysicalResourceId: "https://sqs/orders", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"] },
    ],
    [
      "a failing resource: the API calls back with an error, Create replies FAILED with its message",
      { ...base, RequestType: "Create", ResourceProperties: { Name: "bad" } },
      { status: "ok", result: undefined, effectsAtSettle: ["sqs.createQueue:bad", `PUT:/put ${body({ Status: "FAILED", Reason: "QueueAlreadyExists", PhysicalResourceId: "stack-1/Queue/req-1", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"] },
    ],
    [
      "a resource function that throws at once: the invocation fails with that error, nothing is sent",
      { ...base, RequestType: "Create", ResourceProperties: { Name: "boom" } },
      { status: "error", error: { name: "TypeError", message: "createQueue: bad params" }, effectsAtSettle: [] },
    ],
    [
      "a validation error (the schema's required Name): FAILED without calling the resource",
      { ...base, RequestType: "Create", ResourceProperties: {} },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "FAILED", Reason: JSON.stringify([[["property ==>", "instance"], ["message ==>", 'requires property "Name"'], ["schema ==>", JSON.parse(SCHEMA)], ["instance ==>", {}], ["name ==>", "required"], ["argument ==>", "Name"], ["stack ==>", 'instance requires property "Name"']]]), PhysicalResourceId: "stack-1/Queue/req-1", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"] },
    ],
    [
      "an Update the resource refuses: FAILED with its reason",
      { ...base, RequestType: "Update", PhysicalResourceId: "https://sqs/a", ResourceProperties: { Name: "b" }, OldResourceProperties: { Name: "a" } },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "FAILED", Reason: "the queue name cannot change", PhysicalResourceId: "https://sqs/a", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"] },
    ],
    [
      "an Update with unchanged properties goes to NoUpdate: SUCCESS with the old properties as data",
      { ...base, RequestType: "Update", PhysicalResourceId: "https://sqs/a", ResourceProperties: { Name: "a" }, OldResourceProperties: { Name: "a" } },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "SUCCESS", PhysicalResourceId: "https://sqs/a", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue", Data: { Name: "a" } })}`, "https:/put"] },
    ],
    [
      "an unknown RequestType: cfn-lambda's own FAILED",
      { ...base, RequestType: "Rename", ResourceProperties: { Name: "a" } },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "FAILED", Reason: "The impossible happend! CloudFormation sent an unknown RequestType.", PhysicalResourceId: "stack-1/Queue/req-1", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"] },
    ],
    [
      "the PUT fails (the request's error event): context.done() all the same",
      { ...base, ResponseURL: "https://cfn.example/down", RequestType: "Delete", PhysicalResourceId: "https://sqs/a", ResourceProperties: { Name: "a" } },
      { status: "ok", result: undefined, effectsAtSettle: ["sqs.deleteQueue:https://sqs/a", `PUT:/down ${body({ Status: "SUCCESS", PhysicalResourceId: "https://sqs/a", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/down"] },
    ],
  ];

  for (const [name, event, expected] of cases) {
    it(name, async () => {
      const legacy = await run(input, event, "legacy");
      expect(legacy).toMatchObject({ ...expected, lateEffects: [], unhandledRejections: [] });
      const converted = await run(output, event, "node24");
      expect(converted).toEqual(legacy);
      if (expected.status === "ok") expect(legacy.effectsAtSettle.filter((e) => e.startsWith("PUT:")).length).toBe(1);
    });
  }

  it("without settle, Node.js 24 answers before the PUT (it lands after the freeze) and the later context.done throws", async () => {
    const event = { ...base, RequestType: "Delete", PhysicalResourceId: "https://sqs/a", ResourceProperties: { Name: "a" } };
    const broken = await run(input, event, "node24", true);
    expect(broken).toEqual({
      status: "ok",
      effectsAtSettle: [],
      lateEffects: ["sqs.deleteQueue:https://sqs/a", `PUT:/put ${body({ Status: "SUCCESS", PhysicalResourceId: "https://sqs/a", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Queue" })}`, "https:/put"],
      unhandledRejections: ["context.done is not a function"],
    });
  });

  it("why a NoUpdate that never replies stays reported (noreply): the old runtime answered null, the wrapper would time out", async () => {
    const noreply = readFileSync(path.join(dir, "noreply.input.js"), "utf8");
    const wrapped = noreply.replace("exports.handler = CfnLambda({", "const resource = CfnLambda({").replace("\nfunction NoUpdate", `exports.handler = async (event, context) => new Promise((resolve, reject) => resource(event, Object.create(context, { done: { value: (e, r) => (e != null ? reject(e) : resolve(r)) } })));\n\nfunction NoUpdate`);
    expect(wrapped).toContain("exports.handler = async (event, context) => new Promise(");
    const event = { ...base, RequestType: "Update", PhysicalResourceId: "thing-1", ResourceProperties: { Name: "a" }, OldResourceProperties: { Name: "a" } };
    expect(await run(noreply, event, "legacy")).toMatchObject({ status: "ok", result: null, effectsAtSettle: [], lateEffects: [] });
    expect(await run(wrapped, event, "node24")).toMatchObject({ status: "timeout", effectsAtSettle: [], lateEffects: [] });
  });
});

/** The sendResponse idiom (fixture callback-handlers/cfn-send-response): the handler's own https PUT, context.done() in its callback and its error listener. */
describe("the sendResponse idiom: the old runtime's handler vs settle's output under Node.js 24", () => {
  const fixture = (name: string) => readFileSync(path.join(FIXTURES, "callback-handlers", "cfn-send-response", name), "utf8");
  async function send(code: string, fileName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
    const log = createEffectLog();
    return invoke({ code, fileName, event, runtime, modules: { log, https: recordingHttps(log), url: require("node:url") }, timeoutMs: 500 });
  }
  const request = { StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Thing", ResponseURL: "https://cfn.example/put?sig=1" };
  const plainBody = (status: string, data?: unknown) => body({ Status: status, Reason: "See CloudWatch Log Stream: undefined", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Thing", ...(data ? { Data: data } : {}) });

  const cases: [string, string, string, unknown, Partial<InvocationOutcome>][] = [
    ["plain, Create: SUCCESS with its data, answered once the PUT is answered", "plain", "js", { ...request, RequestType: "Create" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put?sig=1 ${plainBody("SUCCESS", { Message: "created" })}`, "https:/put?sig=1"] }],
    ["plain, Delete: the early return's SUCCESS", "plain", "js", { ...request, RequestType: "Delete" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put?sig=1 ${plainBody("SUCCESS")}`, "https:/put?sig=1"] }],
    ["plain, Update: FAILED", "plain", "js", { ...request, RequestType: "Update" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put?sig=1 ${plainBody("FAILED")}`, "https:/put?sig=1"] }],
    ["plain, the PUT fails (the request's error event): answered all the same", "plain", "js", { ...request, ResponseURL: "https://cfn.example/down", RequestType: "Create" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/down ${plainBody("SUCCESS", { Message: "created" })}`, "https:/down"] }],
    ["typed (TypeScript), Create", "typed", "ts", { ...request, RequestType: "Create" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "SUCCESS", Reason: "See undefined", PhysicalResourceId: "thing-Thing", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Thing", Data: { Created: true } })}`, "https:/put"] }],
    ["typed (TypeScript), Delete with its physical id", "typed", "ts", { ...request, RequestType: "Delete", PhysicalResourceId: "thing-9" },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "SUCCESS", Reason: "See undefined", PhysicalResourceId: "thing-9", StackId: "stack-1", RequestId: "req-1", LogicalResourceId: "Thing" })}`, "https:/put"] }],
    ["records, one SNS record: its SUCCESS", "records", "js", { Records: [{ Sns: { Message: JSON.stringify({ ...request, RequestType: "Create" }) } }] },
      { status: "ok", result: undefined, effectsAtSettle: [`PUT:/put ${body({ Status: "SUCCESS", RequestId: "req-1" })}`, "https:/put"] }],
    ["records, no record: null once the loop is empty (old), undefined at once (new), both answered with nothing sent", "records", "js", { Records: [] },
      { status: "ok", effectsAtSettle: [] }],
  ];
  for (const [name, file, ext, event, expected] of cases) {
    it(name, async () => {
      const fileName = `index.${ext}`;
      const legacy = await send(fixture(`${file}.input.${ext}`), fileName, event, "legacy");
      expect(legacy).toMatchObject({ ...expected, lateEffects: [], unhandledRejections: [] });
      const converted = await send(fixture(`${file}.output.${ext}`), fileName, event, "node24");
      expect(converted).toMatchObject({ ...expected, lateEffects: [], unhandledRejections: [] });
      // The one case without a result given: the old runtime's null at the empty loop, the promise's undefined (both sent as null).
      if (!("result" in expected)) expect([legacy.result, converted.result]).toEqual([null, undefined]);
      expect({ ...converted, result: converted.result ?? null }).toEqual({ ...legacy, result: legacy.result ?? null });
    });
  }
});
