import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test as base } from "vitest";
import { generateRepo } from "../../bench/generate-repo.js";
import { gitInit, runCli, TempDirs } from "../helpers/temp-repo.js";
import { fileBytes, parseResult, snapshotTree } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

/** Source files in the generated monorepo; a few thousand with SETTLE_ROBUSTNESS_FILES=3000 (CI keeps it modest). */
const FILES = Number(process.env.SETTLE_ROBUSTNESS_FILES ?? 1000);
const PACKAGES = 6;
const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));
/** TypeScript 7's tsc (the native compiler, about 3× faster here): before and after are checked by the same compiler. */
const TSC = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript7/package.json")), "bin", "tsc");

/**
 * tsc's errors for the whole repository, as "file: TSnnnn message" without positions (a rewrite
 * moves lines), sorted. tsc exits non-zero when it finds any; that is data here, not a failure.
 */
async function typeErrors(dir: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [TSC, "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  return stdout
    .split("\n")
    .map((line) => /^(.+?)\(\d+,\d+\): error (TS\d+: .*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}: ${m[2]}`)
    .sort();
}

describe("a generated monorepo", () => {
  it(`${FILES} files in ${PACKAGES} packages (TS and JS, a tsconfig each): a full run finishes cleanly, is idempotent and types no worse`, { timeout: 600_000 }, async ({ tmp }) => {
    const options = { files: FILES, seed: 20_251, packages: PACKAGES, nodeModules: NODE_MODULES };
    const repo = generateRepo({ ...options, dir: tmp.make() });
    expect(repo.packages.map((p) => p.language)).toContain("js");
    gitInit(repo.dir);
    // The generator is deterministic: a twin repository gives the errors before, while settle runs.
    const twin = generateRepo({ ...options, dir: tmp.make() });
    expect([...twin.contents]).toEqual([...repo.contents]);

    const [errorsBefore, first] = await Promise.all([typeErrors(twin.dir), runCli(repo.dir, ["--json"], 600_000)]);
    const result = parseResult(first);
    expect(first.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.interrupted).toBe(false);
    expect(result.files).toHaveLength(FILES);
    expect(result.files.filter((f) => f.status === "failed" || f.status === "skipped")).toEqual([]);
    const changed = result.files.filter((f) => f.status === "changed").map((f) => f.path);
    expect(changed.length).toBeGreaterThan(0);
    expect(result.files.filter((f) => f.written).map((f) => f.path)).toEqual(changed);
    // Only files where the generator planted floating work change; every other byte stays.
    expect(changed.filter((f) => !repo.plantedFindings.includes(f))).toEqual([]);
    const after = fileBytes(snapshotTree(repo.dir));
    for (const [rel, text] of repo.contents) {
      if (!changed.includes(rel)) expect(after.get(rel)?.equals(Buffer.from(text)), rel).toBe(true);
      else expect(after.get(rel)?.equals(Buffer.from(text)), rel).toBe(false);
    }

    // Idempotence: the second run finds nothing to do and writes nothing (so tsc can read alongside).
    const [secondRun, errorsAfter] = await Promise.all([runCli(repo.dir, ["--json"], 600_000), typeErrors(repo.dir)]);
    const second = parseResult(secondRun);
    expect(second.exitCode).toBe(0);
    expect(second.counts).toEqual({ ...result.counts, changed: 0, unchanged: result.counts.unchanged + result.counts.changed });
    expect(second.findings).toEqual(result.findings);
    const again = fileBytes(snapshotTree(repo.dir));
    expect([...again.keys()]).toEqual([...after.keys()]);
    for (const [rel, bytes] of after) expect(again.get(rel)!.equals(bytes), rel).toBe(true);

    // Every rewritten TypeScript file type-checks no worse than before: no error that was not there.
    const rewrittenTs = new Set(changed.filter((f) => /\.[cm]?tsx?$/.test(f)).map((f) => path.join(repo.dir, f)));
    expect(rewrittenTs.size).toBeGreaterThan(0);
    const fresh = errorsAfter.filter((e) => !errorsBefore.includes(e));
    expect(fresh).toEqual([]);
    expect(errorsAfter.filter((e) => rewrittenTs.has(path.resolve(repo.dir, e.split(": ")[0])))).toEqual(
      errorsBefore.filter((e) => rewrittenTs.has(path.resolve(repo.dir, e.split(": ")[0]))),
    );
  });
});
