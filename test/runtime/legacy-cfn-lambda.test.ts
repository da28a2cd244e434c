/**
 * cfn-lambda (issue 11, unseen6's base2Services/cloudformation-custom-resources-nodejs): `exports.handler =
 * CfnLambda({ Create, Update, Delete })` exports what the package's factory builds, `function (event, context)`,
 * which answers through `context.done()` once it has sent CloudFormation the resource's response (cfn-lambda
 * 5.1.0 index.js: the response's "end" or the request's "error", then context.done()). settle converts it where
 * every resource function replies on every path (fixture callback-handlers/cfn-lambda-factory's esm, and against
 * the real package test/runtime/legacy-cfn.test.ts) and reports it otherwise with this fix: build the resource once
 * and export a promise whose context's done resolves. Shown here with a reduced stand-in of ours that answers as the package does: the
 * old runtime waits for the response; Node.js 24 answers at once and the response lands after the freeze; the
 * reported fix answers after it again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEffectLog, delayedEffect, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

interface LegacyContext { done(err?: unknown, data?: unknown): void }
type Reply = (err: string | null | undefined, physicalId?: string) => void;
interface Resource {
  Create(params: Record<string, unknown>, reply: Reply): void;
  Update(id: string, params: Record<string, unknown>, old: Record<string, unknown>, reply: Reply): void;
  Delete(id: string, params: Record<string, unknown>, reply: Reply): void;
}

/** cfn-lambda's factory as its answers go: run the request type's function, PUT the response (5ms), then context.done(). */
function cfnLambda(log: EffectLog) {
  const factory = (resource: Resource) => function CfnLambda(event: { RequestType: "Create" | "Update" | "Delete"; PhysicalResourceId?: string; ResourceProperties: Record<string, unknown> }, context: LegacyContext) {
    const reply: Reply = (err, physicalId) => {
      const status = err ? `FAILED:${err}` : `SUCCESS:${physicalId}`;
      void delayedEffect(log, 5, `cfn.response:${status}`, () => context.done());
    };
    if (event.RequestType === "Create") resource.Create(event.ResourceProperties, reply);
    else if (event.RequestType === "Update") resource.Update(event.PhysicalResourceId!, event.ResourceProperties, {}, reply);
    else resource.Delete(event.PhysicalResourceId!, event.ResourceProperties, reply);
  };
  return Object.assign(factory, { SDKAlias: () => (_params: unknown, reply: Reply) => reply(null, "alias") });
}

const input = readFileSync(path.join(FIXTURES, "callback-handlers", "cfn-lambda-factory", "esm.input.mjs"), "utf8")
  .replace('import CfnLambda from "cfn-lambda";', 'const CfnLambda = require("cfn-lambda");')
  .replace("export const handler = CfnLambda({", "exports.handler = CfnLambda({");

/** The fix the finding names, applied by hand. */
const fixed = input.replace("exports.handler = CfnLambda({", "const resource = CfnLambda({").replace(/\}\);\n$/, `});
exports.handler = (event, context) => new Promise((resolve, reject) => resource(event, Object.create(context, { done: { value: (err, data) => (err != null ? reject(err) : resolve(data)) }, succeed: { value: resolve }, fail: { value: reject } })));
`);

async function run(code: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "index.js", event, runtime, modules: { log, "cfn-lambda": cfnLambda(log) }, timeoutMs: 500 });
}

describe("cfn-lambda's factory handler: old runtime vs Node.js 24, and the reported fix", () => {
  const create = { RequestType: "Create", ResourceProperties: {} };
  const remove = { RequestType: "Delete", PhysicalResourceId: "queue-1", ResourceProperties: {} };

  it("the stand-in and the fix are what the test means", () => {
    expect(input).toContain('exports.handler = CfnLambda({');
    expect(fixed).toContain("const resource = CfnLambda({");
    expect(fixed).toContain("exports.handler = (event, context) => new Promise(");
  });

  for (const [name, event, effect] of [["Create", create, "cfn.response:SUCCESS:queue-1"], ["Delete", remove, "cfn.response:SUCCESS:queue-1"]] as const) {
    it(`${name}: the old runtime answers after the response, Node.js 24 before it, the fix after it again`, async () => {
      expect(await run(input, event, "legacy")).toMatchObject({ status: "ok", effectsAtSettle: [effect], lateEffects: [] });
      const broken = await run(input, event, "node24");
      expect(broken).toMatchObject({ status: "ok", effectsAtSettle: [] });
      expect(broken.lateEffects).toEqual([effect]);
      expect(await run(fixed, event, "node24")).toMatchObject({ status: "ok", effectsAtSettle: [effect], lateEffects: [], unhandledRejections: [] });
    });
  }
});
