import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import { BIN, runCli, TempDirs, type CliResult } from "../helpers/temp-repo.js";
import { HANDLER, HUGE_BYTES, hugeSource, nestedParens, rewrite } from "./hostile-repo.js";
import { expectNoStackTrace, fileBytes, parseResult, snapshotTree, statuses } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

/** A contract error: exit 2, exactly one line on stderr, nothing on stdout. */
function expectOneLineError(res: CliResult, code: number): string {
  expect({ code: res.code, stdout: res.stdout }).toEqual({ code, stdout: "" });
  expect(res.stderr.endsWith("\n")).toBe(true);
  const lines = res.stderr.slice(0, -1).split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

/** Start the CLI from a working folder that is deleted just before: process.cwd() then fails inside run(). */
function runInDeletedFolder(dir: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const script = `cd "$1" && rmdir "$1" && shift && exec "$@"`;
    const child = spawn("sh", ["-c", script, "sh", dir, process.execPath, BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent("configuration and unexpected errors", { timeout: 60_000 }, () => {
  it("a --tsconfig that exists but cannot be used is a configuration error: exit 2, one line, nothing processed", async ({ tmp }) => {
    const dir = tmp.make({
      "bad.json": "{ not json",
      "extends.json": `{ "extends": "./gone.json" }\n`,
      "folder.json/keep.txt": "",
      "handler.ts": HANDLER,
    });
    const cases: [string, string][] = [
      ["bad.json", "settle: cannot use --tsconfig bad.json: ',' expected."],
      ["extends.json", `settle: cannot use --tsconfig extends.json: Cannot read file '${dir}/gone.json'.`],
      // A folder is no file: the same message as a missing one.
      ["folder.json", "settle: tsconfig not found: folder.json"],
    ];
    for (const [config, message] of cases) {
      const before = snapshotTree(dir);
      const line = expectOneLineError(await runCli(dir, ["--force", "--tsconfig", config]), 2);
      expect(line, config).toBe(message);
      expect(fileBytes(snapshotTree(dir)), config).toEqual(fileBytes(before));
    }
  });

  it("an unexpected error prints one line (the stack only with --verbose) and exits 1", async ({ tmp }) => {
    const quiet = await runInDeletedFolder(tmp.make(), ["--dry-run"]);
    const line = expectOneLineError(quiet, 1);
    expect(line).toBe("settle: unexpected error: ENOENT: no such file or directory, uv_cwd (run with --verbose for details)");
    expectNoStackTrace(quiet.stderr);

    const verbose = await runInDeletedFolder(tmp.make(), ["--dry-run", "--verbose"]);
    expect(verbose.code).toBe(1);
    const lines = verbose.stderr.split("\n");
    expect(lines[0]).toBe("settle: unexpected error: ENOENT: no such file or directory, uv_cwd");
    expect(lines[1]).toBe("Error: ENOENT: no such file or directory, uv_cwd");
    expect(lines[2]).toMatch(/^\s+at /);
  });

  it("a named pipe, given or found, is skipped with its reason and never opened (the run would hang)", async ({ tmp }) => {
    const dir = tmp.make({ "src/handler.ts": HANDLER });
    execFileSync("mkfifo", [path.join(dir, "src/pipe.ts"), path.join(dir, "named.ts")]);
    const expected = {
      "named.ts": "skipped: not a regular file",
      "src/handler.ts": "changed",
      "src/pipe.ts": "skipped: not a regular file",
    };

    const result = parseResult(await runCli(dir, ["--json", "--dry-run", "src", "named.ts"]));
    expect(statuses(result)).toEqual(expected);
    // Like a symbolic link, a pipe is not source code: listed, but no problem for the exit code.
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);

    // A pipe where a deployment config is read is a config problem.
    execFileSync("mkfifo", [path.join(dir, "serverless.yml")]);
    const withConfig = parseResult(await runCli(dir, ["--json", "--dry-run", "src", "named.ts"]));
    expect(statuses(withConfig)).toEqual(expected);
    expect(withConfig.errors).toEqual([{ file: "serverless.yml", message: "cannot read handler entries: not a regular file" }]);
    expect(withConfig.exitCode).toBe(1);
  });

  it("a file over the size or nesting limit is skipped with its reason and exit 1 (it was not checked); --ignore it and the run is clean", async ({ tmp }) => {
    const huge = hugeSource(HUGE_BYTES);
    const dir = tmp.make({ "gen/huge.ts": huge, "gen/deep.ts": nestedParens(394), "src/handler.ts": HANDLER });

    for (const mode of ["--check", "--force"]) {
      const result = parseResult(await runCli(dir, ["--json", mode]));
      expect(statuses(result), mode).toEqual({
        "gen/deep.ts": "skipped: nested more than 400 levels deep: not analysed",
        "gen/huge.ts": "skipped: larger than 1 MB (5 MB): not analysed",
        "src/handler.ts": "changed",
      });
      expect(result.exitCode, mode).toBe(1);
    }
    const bytes = fileBytes(snapshotTree(dir));
    expect(bytes.get("gen/huge.ts")!.equals(Buffer.from(huge))).toBe(true);
    expect(bytes.get("src/handler.ts")!.toString()).toBe(rewrite(HANDLER));

    const clean = parseResult(await runCli(dir, ["--json", "--check", "--ignore", "gen/**"]));
    expect(statuses(clean)).toEqual({ "src/handler.ts": "unchanged" });
    expect(clean.exitCode).toBe(0);
  });
});
