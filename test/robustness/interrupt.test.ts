import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, watch } from "node:fs";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import type { RunResult } from "../../src/run.js";
import { BIN, gitInit, TempDirs } from "../helpers/temp-repo.js";
import { statuses } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

/** Enough files that writing them takes a while after the first one lands. */
const FILES = 250;
const name = (i: number) => `h${String(i).padStart(3, "0")}.ts`;
const source = (i: number) => `async function track(e: string): Promise<void> {}
export const handler = async (event: unknown) => {
  track("event ${i}");
  return { statusCode: 200, n: ${i} };
};
`;
const rewritten = (i: number) => source(i).replace(`  track(`, `  await track(`);

/** A committed repository of FILES handlers in src/, each of which settle rewrites. */
function makeRepo(tmp: TempDirs): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) files[`src/${name(i)}`] = source(i);
  const dir = tmp.make(files);
  gitInit(dir);
  return dir;
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run settle on `dir` and call `interrupt(child)` as soon as the first file has been renamed into
 * place in src/ (the write phase has begun and at least one file is complete), or after `afterMs`
 * when given (while the analysis runs: it takes seconds for FILES files, the write phase comes after).
 */
function runAndInterrupt(dir: string, args: string[], interrupt: (child: ChildProcess) => void, afterMs?: number): Promise<Ended & { fired: boolean }> {
  return new Promise((resolve, reject) => {
    const src = path.join(dir, "src");
    const targets = new Set(Array.from({ length: FILES }, (_, i) => name(i)));
    let fired = false;
    const fire = () => {
      if (fired) return;
      fired = true;
      interrupt(child);
    };
    const watcher = watch(src, (_event, file) => {
      if (file && targets.has(file.toString())) fire();
    });
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    const timer = afterMs === undefined ? undefined : setTimeout(fire, afterMs);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      watcher.close();
      resolve({ code, signal, stdout, stderr, fired });
    });
  });
}

/** Which files are rewritten on disk; fails when any is neither its original nor its complete rewrite. */
function rewrittenOnDisk(dir: string): string[] {
  const done: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const text = readFileSync(path.join(dir, "src", name(i)), "utf8");
    if (text === rewritten(i)) done.push(`src/${name(i)}`);
    else expect(text, name(i)).toBe(source(i));
  }
  return done;
}

/** Nothing but the files themselves in src/: no temp file left behind. */
function expectNoStrayFiles(dir: string): void {
  expect(readdirSync(path.join(dir, "src")).sort()).toEqual(Array.from({ length: FILES }, (_, i) => name(i)));
}

// Not concurrent: the watcher must see the first rename while the child is still writing.
describe("Ctrl-C and SIGTERM in the middle of a run", { timeout: 120_000 }, () => {
  it("SIGINT while writing: the current file completes, the rest stay untouched, --json says which, exit 1", async ({ tmp }) => {
    const dir = makeRepo(tmp);
    const res = await runAndInterrupt(dir, ["--json"], (child) => child.kill("SIGINT"));
    expect(res.fired).toBe(true);
    expect(res.signal).toBe(null);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe("\nsettle: stopping after the current file (press Ctrl-C again to quit at once)\n");
    const result = JSON.parse(res.stdout) as RunResult;
    expect(result.interrupted).toBe(true);
    expect(result.exitCode).toBe(1);

    const done = rewrittenOnDisk(dir);
    // Interrupted in the middle: some files were written, and not all.
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(FILES);
    const expected: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) {
      const rel = `src/${name(i)}`;
      expected[rel] = done.includes(rel) ? "changed" : "skipped: interrupted before writing";
    }
    expect(statuses(result)).toEqual(expected);
    expect(result.files.filter((f) => f.written).map((f) => f.path)).toEqual(done);
    expectNoStrayFiles(dir);
  });

  it("SIGTERM while writing: the summary on stderr says what was done and what was not", async ({ tmp }) => {
    const dir = makeRepo(tmp);
    const res = await runAndInterrupt(dir, [], (child) => child.kill("SIGTERM"));
    expect(res.fired).toBe(true);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");

    const done = rewrittenOnDisk(dir);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(FILES);
    const untouched = Array.from({ length: FILES }, (_, i) => `src/${name(i)}`).filter((rel) => !done.includes(rel));
    const changed = `${done.length} ${done.length === 1 ? "file" : "files"} changed`;
    expect(res.stderr).toBe(
      [
        "",
        "settle: stopping after the current file (press Ctrl-C again to quit at once)",
        `settle: ${changed}, 0 unchanged, ${untouched.length} skipped, 0 failed, 0 findings`,
        "",
        "skipped:",
        ...untouched.map((rel) => `  ${rel}  interrupted before writing`),
        "",
        "interrupted: files not listed as changed were left untouched",
        "",
      ].join("\n"),
    );
    expectNoStrayFiles(dir);
  });

  it("a second signal quits at once with 130; the file being written is untouched or complete, no temp file is left", async ({ tmp }) => {
    const dir = makeRepo(tmp);
    // Two different signals, so that the second cannot merge into the first while it is pending.
    const res = await runAndInterrupt(dir, ["--json"], (child) => {
      child.kill("SIGTERM");
      child.kill("SIGINT");
    });
    expect(res.fired).toBe(true);
    expect(res.code).toBe(130);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe(
      "\nsettle: stopping after the current file (press Ctrl-C again to quit at once)\n" +
        "settle: quit; files already written are complete, the others untouched\n",
    );
    const done = rewrittenOnDisk(dir);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(FILES);
    expectNoStrayFiles(dir);
  });

  it("a signal during the analysis ends the run at once (no handler waits for it): nothing is written", async ({ tmp }) => {
    const dir = makeRepo(tmp);
    const res = await runAndInterrupt(dir, [], (child) => child.kill("SIGINT"), 800);
    expect(res.fired).toBe(true);
    expect({ code: res.code, signal: res.signal, stderr: res.stderr }).toEqual({ code: null, signal: "SIGINT", stderr: "" });
    expect(rewrittenOnDisk(dir)).toEqual([]);
    expectNoStrayFiles(dir);
  });
});
