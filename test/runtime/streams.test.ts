/**
 * Behavioural tests for callback-apis' stream and file-descriptor mappings (stream.pipeline /
 * stream.finished → stream.promises, fs.open / fs.read → promisify): each fixture's original and
 * its rewritten output (the fixture's .output file, which the fixture runner proves the transform
 * produces) run under the freeze harness with Node.js 24 rules, on real files with the real fs,
 * stream and zlib modules. Before: the handler answers before the gzip copy and the log are written.
 * After: both are written (and closed) when it answers, with the same result.
 */
import * as events from "node:events";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as stream from "node:stream";
import * as util from "node:util";
import * as zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createEffectLog, invoke, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** The real fs, with each write stream recording `closed:<file name>` once its file is complete. */
function recordingFs(log: EffectLog): typeof fs {
  const createWriteStream = ((file: fs.PathLike, options?: unknown) => {
    const out = fs.createWriteStream(file, options as never);
    out.on("finish", () => log.record(`finished:${path.basename(String(file))}`));
    out.on("close", () => log.record(`closed:${path.basename(String(file))}`));
    return out;
  }) as typeof fs.createWriteStream;
  return { ...fs, createWriteStream, default: undefined } as unknown as typeof fs;
}

function modulesFor(log: EffectLog): Record<string, unknown> {
  const core: Record<string, unknown> = { fs: recordingFs(log), stream, zlib, util, events };
  return { log, ...Object.fromEntries(Object.entries(core).flatMap(([name, m]) => [[name, m], [`node:${name}`, m]])) };
}

function fixture(file: string): { input: string; output: string } {
  const [base, ext] = [file.slice(0, file.lastIndexOf(".")), file.slice(file.lastIndexOf(".") + 1)];
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "callback-apis", `${base}.${kind}.${ext}`), "utf8");
  return { input: read("input"), output: read("output") };
}

function files(): { source: string; target: string; log: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settle-streams-"));
  dirs.push(dir);
  const source = path.join(dir, "source.txt");
  fs.writeFileSync(source, "hello ".repeat(50_000));
  return { source, target: path.join(dir, "target.gz"), log: path.join(dir, "run.log") };
}

async function runOnce(code: string, file: string, event: object): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: file, event, runtime: "node24", modules: modulesFor(log), graceMs: 20 });
}

describe("stream and file-descriptor callbacks at run time (real fs, stream, zlib; freeze harness)", () => {
  it("streams.js: the gzip copy, the log and the read of the copy's first bytes finish before the handler answers", async () => {
    const { input, output } = fixture("streams.js");
    const event = files();
    // The original opens the copy before the pipeline has created it: an empty one is there, so its
    // callback does not throw outside the invocation (which would crash the process).
    fs.writeFileSync(event.target, "");
    const before = await runOnce(input, "streams.js", event);
    expect(before).toMatchObject({ status: "ok", result: { ok: true } });
    expect(before.effectsAtSettle).toEqual([]);

    const event2 = files();
    const after = await runOnce(output, "streams.js", event2);
    expect(after).toMatchObject({ status: "ok", result: { ok: true } });
    expect(after.effectsAtSettle.filter((e) => e.startsWith("closed:")).sort()).toEqual(["closed:run.log", "closed:target.gz"]);
    expect(zlib.gunzipSync(fs.readFileSync(event2.target)).toString()).toBe("hello ".repeat(50_000));
    expect(fs.readFileSync(event2.log, "utf8")).toBe("done\n");
  });

  it("streams.js: a failing pipeline still only logs (the callback's error branch), and the handler still answers", async () => {
    const { output } = fixture("streams.js");
    const event = { ...files(), source: "/nonexistent/settle-source" };
    const after = await runOnce(output, "streams.js", event);
    expect(after).toMatchObject({ status: "ok", result: { ok: true } });
    // The pipeline failed (the catch logged it), and the log was still written before the answer.
    expect(after.effectsAtSettle).toContain("closed:run.log");
    expect(after.effectsAtSettle).not.toContain("finished:target.gz");
    expect(fs.readFileSync(event.target).length).toBe(0);
  });

  it("streams-typed.ts: the pipeline finishes before the handler answers", async () => {
    const { input, output } = fixture("streams-typed.ts");
    const before = await runOnce(input, "streams-typed.ts", files());
    expect(before.effectsAtSettle).toEqual([]);
    const event = files();
    const after = await runOnce(output, "streams-typed.ts", event);
    expect(after).toMatchObject({ status: "ok", result: { ok: true } });
    expect(after.effectsAtSettle).toEqual(["finished:target.gz", "closed:target.gz"]);
    expect(zlib.gunzipSync(fs.readFileSync(event.target)).length).toBe(300_000);
  });

  it("stream-listeners.js: the finish listener of a written file runs before the handler answers", async () => {
    const { input, output } = fixture("stream-listeners.js");
    const event = { file: files().log, body: "line\n" };
    const before = await invoke({ code: input, fileName: "stream-listeners.js", event, runtime: "node24", modules: modulesFor(createEffectLog()), graceMs: 20 });
    expect(before).toMatchObject({ status: "ok", result: { ok: true } });
    expect(before.effectsAtSettle).toEqual([]);
    const log = createEffectLog();
    const after = await invoke({ code: output, fileName: "stream-listeners.js", event, runtime: "node24", modules: modulesFor(log), graceMs: 20 });
    expect(after).toMatchObject({ status: "ok", result: { ok: true } });
    expect(after.effectsAtSettle).toContain("finished:run.log");
    expect(fs.readFileSync(event.file, "utf8")).toBe("line\n");
  });

  it("stream-listeners-typed.ts: the close listener runs before the handler answers, with the same result", async () => {
    const { input, output } = fixture("stream-listeners-typed.ts");
    const run = (code: string, file: string) => invoke({ code, fileName: "stream-listeners-typed.ts", event: { file, lines: ["a", "b"] }, runtime: "node24", modules: modulesFor(createEffectLog()), graceMs: 20 });
    const before = await run(input, files().log);
    const event = files();
    const after = await run(output, event.log);
    expect(before).toMatchObject({ status: "ok", result: { lines: 2 } });
    expect(before.effectsAtSettle).toEqual([]);
    expect(after).toMatchObject({ status: "ok", result: { lines: 2 } });
    expect(after.effectsAtSettle).toEqual(["finished:run.log", "closed:run.log"]);
    expect(fs.readFileSync(event.log, "utf8")).toBe("a\nb\n");
  });

  it("stream-listeners.js: a stream that cannot be opened rejects the rewritten handler (the original crashed the process)", async () => {
    const { output } = fixture("stream-listeners.js");
    const after = await invoke({ code: output, fileName: "stream-listeners.js", event: { file: "/nonexistent/dir/x", body: "" }, runtime: "node24", modules: modulesFor(createEffectLog()), graceMs: 20 });
    expect(after.status).toBe("error");
    expect(after.error?.message).toMatch(/ENOENT/);
  });
});
