/**
 * Behavioural test for the promise wrapper's error test (callback-apis, after callback-handlers):
 * a project helper that calls back with a falsy, non-null error (`cb(false)`, `cb(0)`, `cb("")`).
 * The old runtime failed the invocation for any error but null/undefined, and `err != null` in a
 * callback took those for errors too; the wrapper settle writes around the call must reject on the
 * same values (and `err ?` must keep resolving on them). The fixture's original runs under the
 * legacy runtime, its .output (which the fixture suite proves the transforms produce) under
 * Node.js 24 rules; the whole answer is compared.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { invoke, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const dir = path.join(FIXTURES, "callback-apis", "falsy-error");

/** The fixture's own helper module (plain CommonJS). */
function codes(): unknown {
  const module = { exports: {} as Record<string, unknown> };
  new Function("exports", "require", "module", readFileSync(path.join(dir, "codes.js"), "utf8"))(module.exports, () => undefined, module);
  return module.exports;
}

async function run(file: string, exportName: string, id: string, runtime: "legacy" | "node24"): Promise<Pick<InvocationOutcome, "status" | "result" | "error">> {
  const code = readFileSync(path.join(dir, file), "utf8");
  const o = await invoke({ code, fileName: "handler.js", exportName, event: { id }, runtime, modules: { "./codes": codes() }, serializeResult: true });
  return { status: o.status, result: o.result, error: o.error };
}

const failed = (name: string, message: string) => ({ status: "error", result: undefined, error: { name, message } });
const found = (id: string) => ({ status: "ok", result: { id }, error: undefined });

describe("falsy errors from a project helper (old runtime vs Node.js 24)", () => {
  const cases: [string, string, ReturnType<typeof failed> | ReturnType<typeof found> | { status: string; result: undefined; error: undefined }][] = [
    ["handoff", "ok", found("ok")],
    ["handoff", "off", failed("boolean", "false")],
    ["handoff", "zero", failed("number", "0")],
    ["handoff", "blank", failed("string", "")],
    ["tested", "ok", found("ok")],
    ["tested", "off", failed("Error", "code false")],
    ["tested", "zero", failed("Error", "code 0")],
    ["tested", "blank", failed("Error", "code ")],
    ["adapter", "off", failed("boolean", "false")],
    ["adapter", "zero", failed("number", "0")],
    ["adapter", "ok", found("ok")],
    // `err ?`: the falsy code is no error, the item is undefined (sent as null).
    ["truthy", "zero", { status: "ok", result: undefined, error: undefined }],
    ["truthy", "off", { status: "ok", result: undefined, error: undefined }],
    ["truthy", "ok", found("ok")],
  ];
  for (const [exportName, id, expected] of cases) {
    it(`${exportName}(${id}): the same answer before and after`, async () => {
      const before = await run("handler.input.js", exportName, id, "legacy");
      const after = await run("handler.output.js", exportName, id, "node24");
      expect(before).toEqual(expected);
      expect(after).toEqual(before);
    });
  }
});
