/**
 * Behavioural tests for callback-apis on project functions that are error-first by their
 * implementation (plain JavaScript): the fixtures' handlers run before and after the rewrite
 * (the fixtures' .output files, which the fixture runner proves the transforms produce) under the
 * freeze harness, with the fixtures' own store modules on the real fs (writes under a temp folder).
 * Before: the writes land after the invocation answered (or the original callback handler is
 * refused on Node.js 24). After: they land before it, with the same results and errors.
 */
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createEffectLog, invoke, trackPending, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { loadCommonJs } from "../helpers/load-module.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "settle-error-first-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * The real fs with paths under /tmp/ moved into the temp folder; each write records `write:<name>`
 * when it completes and counts as pending work until then (the old runtime's event loop saw it).
 */
function recordingFs(log: EffectLog): Record<string, unknown> {
  const moved = (p: string) => p.replace(/^\/tmp\//, `${root}/`);
  return {
    ...fs,
    writeFile: (p: string, data: string, cb: (err: unknown) => void) => {
      void trackPending(log, new Promise<void>((done) => fs.writeFile(moved(p), data, (err) => {
        if (!err) log.record(`write:${path.basename(p)}`);
        try { cb(err); } finally { done(); }
      })));
    },
    readFile: (p: string, encoding: BufferEncoding, cb: (err: unknown, data?: string) => void) => fs.readFile(moved(p), encoding, cb),
  };
}

/** A fixture's module file, compiled to CommonJS and loaded with the given modules. */
function loadModule(file: string, modules: Record<string, unknown>): unknown {
  const code = fs.readFileSync(file, "utf8");
  const { outputText } = ts.transpileModule(code, { fileName: file.replace(/\.mjs$/, ".js"), compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  return loadCommonJs(outputText, modules);
}

function caseFile(folder: string, name: string): string {
  return path.join(FIXTURES, "callback-apis", folder, name);
}

async function runHandler(folder: string, handler: string, exportName: string, event: unknown, runtime: "legacy" | "node24"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const fsModule = recordingFs(log);
  const core = { fs: fsModule, "node:fs": fsModule };
  const store = folder === "error-first-project" ? loadModule(caseFile(folder, "store.js"), core) : loadModule(caseFile(folder, "store.mjs"), core);
  const modules: Record<string, unknown> = { log, "./store": store, "./store.mjs": store };
  if (folder === "error-first-project") modules["./unproven"] = loadModule(caseFile(folder, "unproven.js"), {});
  const code = fs.readFileSync(caseFile(folder, handler), "utf8");
  return invoke({ code, fileName: handler.replace(/\.(input|output)\.mjs$/, ".js").replace(/\.(input|output)\.js$/, ".js"), exportName, event, runtime, modules });
}

const pick = (o: InvocationOutcome) => ({ status: o.status, result: o.result, error: o.error });

describe("error-first project functions at run time (freeze harness, real fs)", () => {
  it("error-first-project: store.put / store.get / lookup finish inside the invocation, with the same answer", async () => {
    const event = { id: "item-1", value: "hello" };
    const before = await runHandler("error-first-project", "handler.input.js", "handler", event, "node24");
    const after = await runHandler("error-first-project", "handler.output.js", "handler", event, "node24");
    expect(pick(before)).toEqual({ status: "ok", result: { ok: true }, error: undefined });
    expect(pick(after)).toEqual(pick(before));
    expect(before.effectsAtSettle).toEqual([]);
    expect(after.effectsAtSettle).toEqual(["write:item-1"]);
    expect(fs.readFileSync(path.join(root, "item-1"), "utf8")).toBe("hello");
  });

  it("error-first-project: a failing put still only logs (its catch), and the handler answers as before", async () => {
    // A key under a folder that does not exist: the write fails with ENOENT.
    const event = { id: "missing/item", value: "x" };
    const before = await runHandler("error-first-project", "handler.input.js", "handler", event, "node24");
    const after = await runHandler("error-first-project", "handler.output.js", "handler", event, "node24");
    expect(pick(after)).toEqual(pick(before));
    expect(after.effectsAtSettle).toEqual([]);
  });

  it("error-first-esm: the converted callback handler answers { size } once the write is done; the original is refused on Node.js 24", async () => {
    const event = { key: "k-22", value: "v" };
    const legacy = await runHandler("error-first-esm", "handler.input.mjs", "handler", event, "legacy");
    const after = await runHandler("error-first-esm", "handler.output.mjs", "handler", event, "node24");
    expect(pick(legacy)).toEqual({ status: "ok", result: { size: 4 }, error: undefined });
    expect(pick(after)).toEqual(pick(legacy));
    expect(legacy.effectsAtSettle).toEqual(["write:k-22"]);
    expect(after.effectsAtSettle).toEqual(["write:k-22"]);
    expect((await runHandler("error-first-esm", "handler.input.mjs", "handler", event, "node24")).status).toBe("refused");
  });

  it("error-first-esm: a failing write fails both (callback(err) before, a rejection after)", async () => {
    const event = { key: "missing/k", value: "v" };
    const legacy = await runHandler("error-first-esm", "handler.input.mjs", "handler", event, "legacy");
    const after = await runHandler("error-first-esm", "handler.output.mjs", "handler", event, "node24");
    expect(legacy.status).toBe("error");
    expect(legacy.error?.message).toMatch(/ENOENT/);
    expect(pick(after)).toEqual(pick(legacy));
  });

  it("error-first-esm audit: the write lands inside the invocation now", async () => {
    const before = await runHandler("error-first-esm", "handler.input.mjs", "audit", { key: "a" }, "node24");
    const after = await runHandler("error-first-esm", "handler.output.mjs", "audit", { key: "a" }, "node24");
    expect(pick(before)).toEqual({ status: "ok", result: "ok", error: undefined });
    expect(pick(after)).toEqual(pick(before));
    expect(before.effectsAtSettle).toEqual([]);
    expect(after.effectsAtSettle).toEqual(["write:audit"]);
  });
});
