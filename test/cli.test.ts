import { chmodSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import { transforms } from "../transforms/index.js";
import { parseResult, statuses } from "./helpers/cli-result.js";
import { git, gitInit, isInGitRepo, runCli, TempDirs, writeFiles, type CliResult } from "./helpers/temp-repo.js";

// Each test gets its own temp-dir tracker, removed when the test ends (also under describe.concurrent).
const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const ids = transforms.map((t) => t.id);

/** A Lambda handler with one floating call, and what settle makes of it. */
const HANDLER = `async function track(e: string): Promise<void> {}
export const handler = async (event: unknown) => {
  track("x");
  return { statusCode: 200 };
};
`;
const REWRITTEN = HANDLER.replace(`  track("x");`, `  await track("x");`);
/** Already settled: nothing to do. */
const SETTLED = REWRITTEN;
/** A call whose type is `any`: reported, not rewritten. */
const ANY_CALL = `export const handler = async (event: { payload: any }) => {
  event.payload.send();
  return { statusCode: 200 };
};
`;

const crlf = (text: string) => text.replace(/\n/g, "\r\n");
const BOM = "\uFEFF";

/** The diff settle prints for HANDLER at `rel`. */
function handlerDiff(rel: string): string {
  return [
    `--- a/${rel}`,
    `+++ b/${rel}`,
    "@@ -1,5 +1,5 @@",
    " async function track(e: string): Promise<void> {}",
    " export const handler = async (event: unknown) => {",
    `-  track("x");`,
    `+  await track("x");`,
    "   return { statusCode: 200 };",
    " };",
    "",
  ].join("\n");
}

function read(dir: string, rel: string): Buffer {
  return readFileSync(path.join(dir, rel));
}

function text(dir: string, rel: string): string {
  return read(dir, rel).toString("utf8");
}

/** A contract error: exit 2, exactly one line on stderr, nothing on stdout. */
function expectUsageError(res: CliResult): string {
  expect({ code: res.code, stdout: res.stdout }).toEqual({ code: 2, stdout: "" });
  expect(res.stderr.endsWith("\n")).toBe(true);
  const lines = res.stderr.slice(0, -1).split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe.concurrent("settle CLI", { timeout: 240_000 }, () => {
  describe("dry run and check", () => {
    it("--dry-run and -n print a unified diff and write nothing (not refused outside git)", async ({ tmp }) => {
      const dir = tmp.make({ "src/handler.ts": HANDLER });
      expect(isInGitRepo(dir)).toBe(false);
      const file = path.join(dir, "src/handler.ts");
      const old = new Date("2020-01-02T03:04:05Z");
      utimesSync(file, old, old);
      const before = statSync(file).mtimeMs;

      for (const flag of ["--dry-run", "-n"]) {
        const res = await runCli(dir, [flag]);
        expect(res.code, res.stderr).toBe(0);
        // The diff, exactly, and no colour codes (NO_COLOR, not a terminal).
        expect(res.stdout).toBe(`${handlerDiff("src/handler.ts")}\n`);
        expect(res.stdout).not.toContain("\x1b[");
        expect(text(dir, "src/handler.ts")).toBe(HANDLER);
        expect(statSync(file).mtimeMs).toBe(before);
      }
    });

    it("dry runs never refuse: modified and untracked files in a repo are diffed, not skipped", async ({ tmp }) => {
      const dir = tmp.make({ "tracked.ts": HANDLER });
      gitInit(dir);
      writeFileSync(path.join(dir, "tracked.ts"), `${HANDLER}// local edit\n`);
      writeFiles(dir, { "untracked.ts": HANDLER });

      const res = await runCli(dir, ["-n", "--json"]);
      const result = parseResult(res);
      expect(res.code).toBe(0);
      expect(result.mode).toBe("dry-run");
      expect(statuses(result)).toEqual({ "tracked.ts": "changed", "untracked.ts": "changed" });
      expect(result.files.map((f) => f.written)).toEqual([false, false]);
      expect(result.files.find((f) => f.path === "untracked.ts")?.diff).toBe(handlerDiff("untracked.ts"));
      expect(text(dir, "tracked.ts")).toBe(`${HANDLER}// local edit\n`);
      expect(text(dir, "untracked.ts")).toBe(HANDLER);
    });

    it("--check exits 1 when a file would change, 0 when nothing would, and writes nothing", async ({ tmp }) => {
      const dir = tmp.make({ "a/handler.ts": HANDLER, "b/settled.ts": SETTLED });
      gitInit(dir);
      // Dirty too: check, like a dry run, never refuses.
      writeFiles(dir, { "a/untracked.ts": HANDLER });

      const failing = await runCli(dir, ["--check", "a"]);
      expect(failing.code, failing.stderr).toBe(1);
      expect(failing.stdout).toBe(`${handlerDiff("a/handler.ts")}\n${handlerDiff("a/untracked.ts")}\n`);
      expect(text(dir, "a/handler.ts")).toBe(HANDLER);
      expect(text(dir, "a/untracked.ts")).toBe(HANDLER);

      const passing = await runCli(dir, ["--check", "--json", "b"]);
      const result = parseResult(passing);
      expect(passing.code).toBe(0);
      expect(result.mode).toBe("check");
      expect(statuses(result)).toEqual({ "b/settled.ts": "unchanged" });
    });
  });

  describe("write mode", () => {
    it("rewrites a clean file in a git repo exactly, and a second run changes nothing", async ({ tmp }) => {
      const dir = tmp.make({ "src/handler.ts": HANDLER, "src/settled.ts": SETTLED });
      gitInit(dir);

      const first = await runCli(dir, []);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toBe(""); // no diffs printed when writing
      expect(text(dir, "src/handler.ts")).toBe(REWRITTEN);
      expect(text(dir, "src/settled.ts")).toBe(SETTLED);

      // The rewritten file is now uncommitted; it must come out unchanged, not refused.
      const second = await runCli(dir, ["--json"]);
      const result = parseResult(second);
      expect(second.code).toBe(0);
      expect(result.mode).toBe("write");
      expect(result.transforms).toEqual(ids);
      expect(statuses(result)).toEqual({ "src/handler.ts": "unchanged", "src/settled.ts": "unchanged" });
      expect(result.findings).toEqual([]);
      expect(text(dir, "src/handler.ts")).toBe(REWRITTEN);
    });

    it("--json reports statuses, counts, findings and the exit code of a mixed run", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER, "any.ts": ANY_CALL, "settled.ts": SETTLED });
      gitInit(dir);

      const res = await runCli(dir, ["--json", "--strategy", "await", "-t", ids.join(",")]);
      const result = parseResult(res);
      expect(res.code).toBe(0);
      expect(result.errors).toEqual([]);
      expect(result.interrupted).toBe(false);
      expect(result.counts).toEqual({ changed: 1, unchanged: 2, skipped: 0, failed: 0, findings: 1 });
      expect(result.files).toEqual([
        { path: "any.ts", status: "unchanged", transforms: [], written: false },
        { path: "handler.ts", status: "changed", transforms: ["floating-promises"], written: true, diff: handlerDiff("handler.ts") },
        { path: "settled.ts", status: "unchanged", transforms: [], written: false },
      ]);
      expect(result.findings).toEqual([
        {
          file: "any.ts",
          line: 2,
          column: 3,
          transform: "floating-promises",
          reason: "result type is unknown (any): cannot tell whether this call returns a promise",
          rule: "unknown-type",
          level: "note",
          fix: "install dependencies (or add types) so settle can see promises; await it by hand if it returns one",
        },
      ]);
      expect(text(dir, "any.ts")).toBe(ANY_CALL);
      expect(text(dir, "handler.ts")).toBe(REWRITTEN);
    });

    it("keeps CRLF on every line, the BOM, a missing final newline and the file mode", async ({ tmp }) => {
      const dir = tmp.make({
        "crlf.ts": crlf(HANDLER),
        "bom.ts": BOM + HANDLER,
        "bom-crlf.ts": BOM + crlf(HANDLER),
        "no-eol.ts": HANDLER.slice(0, -1),
        "exec.ts": HANDLER,
      });
      chmodSync(path.join(dir, "exec.ts"), 0o755);
      gitInit(dir);

      const res = await runCli(dir, ["--json"]);
      const result = parseResult(res);
      expect(res.code).toBe(0);
      expect(result.counts.changed).toBe(5);
      expect(read(dir, "crlf.ts").equals(Buffer.from(crlf(REWRITTEN)))).toBe(true);
      expect(text(dir, "crlf.ts").split("\r\n")).toContain(`  await track("x");`);
      expect(text(dir, "crlf.ts").replace(/\r\n/g, "")).not.toContain("\n");
      expect(read(dir, "bom.ts").equals(Buffer.from(BOM + REWRITTEN))).toBe(true);
      expect(read(dir, "bom.ts").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(read(dir, "bom-crlf.ts").equals(Buffer.from(BOM + crlf(REWRITTEN)))).toBe(true);
      expect(text(dir, "no-eol.ts")).toBe(REWRITTEN.slice(0, -1));
      expect(text(dir, "exec.ts")).toBe(REWRITTEN);
      expect(statSync(path.join(dir, "exec.ts")).mode & 0o777).toBe(0o755);
    });
  });

  describe("dirty-file guard", () => {
    it("skips modified, staged and untracked files without --force and rewrites them with it", async ({ tmp }) => {
      const dir = tmp.make({ "modified.ts": HANDLER, "staged.ts": HANDLER, "clean.ts": HANDLER });
      gitInit(dir);
      const modified = `// edited\n${HANDLER}`;
      writeFiles(dir, { "modified.ts": modified, "staged.ts": `// staged\n${HANDLER}`, "untracked.ts": HANDLER });
      git(dir, "add", "staged.ts");

      const refused = await runCli(dir, ["--json"]);
      const result = parseResult(refused);
      expect(refused.code).toBe(1);
      expect(result.counts).toMatchObject({ changed: 1, skipped: 3, failed: 0 });
      for (const f of result.files.filter((f) => f.path !== "clean.ts")) {
        expect(f, f.path).toMatchObject({ status: "skipped", written: false });
        expect(f.reason, f.path).toMatch(/uncommitted changes/);
      }
      expect(statuses(result)["clean.ts"]).toBe("changed");
      expect(text(dir, "clean.ts")).toBe(REWRITTEN);
      expect(text(dir, "modified.ts")).toBe(modified);
      expect(text(dir, "staged.ts")).toBe(`// staged\n${HANDLER}`);
      expect(text(dir, "untracked.ts")).toBe(HANDLER);

      const forced = await runCli(dir, ["--force", "--json"]);
      const forcedResult = parseResult(forced);
      expect(forced.code).toBe(0);
      expect(statuses(forcedResult)).toEqual({
        "clean.ts": "unchanged",
        "modified.ts": "changed",
        "staged.ts": "changed",
        "untracked.ts": "changed",
      });
      expect(text(dir, "modified.ts")).toBe(`// edited\n${REWRITTEN}`);
      expect(text(dir, "staged.ts")).toBe(`// staged\n${REWRITTEN}`);
      expect(text(dir, "untracked.ts")).toBe(REWRITTEN);
    });

    it("finds dirty files from a subfolder of the repo", async ({ tmp }) => {
      const dir = tmp.make({ "pkg/src/a.ts": HANDLER });
      gitInit(dir);
      writeFiles(dir, { "pkg/src/a.ts": `${HANDLER}// wip\n` });

      const res = await runCli(path.join(dir, "pkg"), ["--json", "src"]);
      const result = parseResult(res);
      expect(res.code).toBe(1);
      expect(result.files).toHaveLength(1);
      expect(result.files[0]).toMatchObject({ path: "src/a.ts", status: "skipped", written: false });
      expect(result.files[0].reason).toMatch(/uncommitted changes/);
      expect(text(dir, "pkg/src/a.ts")).toBe(`${HANDLER}// wip\n`);
    });

    it("refuses a folder that is not a git repository without --force and writes with it", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      expect(isInGitRepo(dir)).toBe(false);

      const refused = await runCli(dir, ["--json"]);
      const result = parseResult(refused);
      expect(refused.code).toBe(1);
      expect(result.files).toHaveLength(1);
      expect(result.files[0]).toMatchObject({ path: "handler.ts", status: "skipped", written: false });
      expect(result.files[0].reason).toMatch(/not in a git repository/);
      expect(text(dir, "handler.ts")).toBe(HANDLER);

      const forced = await runCli(dir, ["--force"]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(text(dir, "handler.ts")).toBe(REWRITTEN);
    });

    it("does not overwrite a dirty file named through a symlinked folder", async ({ tmp }) => {
      const dir = tmp.make({ "repo/handler.ts": HANDLER });
      const repo = path.join(dir, "repo");
      gitInit(repo);
      symlinkSync(repo, path.join(dir, "alias"), "dir");
      const dirty = `${HANDLER}// wip\n`;
      writeFiles(repo, { "handler.ts": dirty });

      const res = await runCli(dir, ["--json", path.join(dir, "alias", "handler.ts")]);
      const result = parseResult(res);
      expect(text(repo, "handler.ts")).toBe(dirty);
      expect(res.code).toBe(1);
      expect(result.files).toHaveLength(1);
      expect(result.files[0].status).toBe("skipped");
      expect(result.files[0].reason).toMatch(/uncommitted changes/);
    });

    it("does not overwrite a gitignored (never committed) file named explicitly without --force", async ({ tmp }) => {
      const dir = tmp.make({ ".gitignore": "generated/\n", "generated/handler.ts": HANDLER });
      gitInit(dir);

      const res = await runCli(dir, ["--json", "generated/handler.ts"]);
      const result = parseResult(res);
      expect(text(dir, "generated/handler.ts")).toBe(HANDLER);
      expect(res.code).toBe(1);
      expect(result.files).toHaveLength(1);
      expect(result.files[0].status).toBe("skipped");
    });
  });

  describe("usage errors: one line, exit 2", () => {
    it("unknown transform suggests the closest id", async ({ tmp }) => {
      expect(ids).toContain("floating-promises");
      const dir = tmp.make({ "handler.ts": HANDLER });
      const line = expectUsageError(await runCli(dir, ["-t", "floating-promise", "--force"]));
      expect(line).toContain("floating-promise");
      expect(line).toContain(`did you mean 'floating-promises'`);
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("unknown flag suggests the right one", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      const line = expectUsageError(await runCli(dir, ["--dryrun", "--force"]));
      expect(line).toContain("--dryrun");
      expect(line).toMatch(/did you mean --dry-run/i);
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("a missing path is named, and nothing else is processed", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      const line = expectUsageError(await runCli(dir, ["--force", "handler.ts", "no/such-dir"]));
      expect(line).toContain("no/such-dir");
      expect(line).toMatch(/does not exist/);
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("a bad --strategy is named", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      const line = expectUsageError(await runCli(dir, ["--strategy", "x", "--force"]));
      expect(line).toContain("'x'");
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("a bad --shard says what it takes; a good one names the shard in the summary", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      expect(expectUsageError(await runCli(dir, ["--shard", "3/2", "--dry-run"]))).toBe("settle: --shard 3/2: i must be between 1 and n (see --help)");
      const res = await runCli(dir, ["--shard", "1/2", "--dry-run"]);
      expect(res.stderr).toMatch(/^settle \(shard 1\/2\): 1 file would change/);
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("a bad --jobs says what it takes; --jobs 2 over one package analyses it as --jobs 1 does", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      expect(expectUsageError(await runCli(dir, ["--jobs", "0", "--dry-run"]))).toBe("settle: --jobs takes a whole number of at least 1 (got '0') (see --help)");
      const res = await runCli(dir, ["--jobs", "2", "--dry-run"]);
      expect(res.stderr).toMatch(/^settle: 1 file would change/);
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });

    it("a missing --tsconfig file is named, also with --json", async ({ tmp }) => {
      const dir = tmp.make({ "handler.ts": HANDLER });
      const line = expectUsageError(await runCli(dir, ["--tsconfig", "configs/nope.json", "--json", "--force"]));
      expect(line).toContain("configs/nope.json");
      expect(text(dir, "handler.ts")).toBe(HANDLER);
    });
  });

  describe("files that cannot be processed", () => {
    it("a syntax error fails that file only: named on stderr, bytes unchanged, others rewritten, exit 1", async ({ tmp }) => {
      const broken = `export const handler = async (event: unknown) => {\n  const x = ;\n  track("x");\n`;
      const dir = tmp.make({ "broken.ts": broken, "good.ts": HANDLER });
      gitInit(dir);

      const res = await runCli(dir, []);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe("");
      const failedLines = res.stderr.split("\n").filter((l) => l.includes("broken.ts"));
      expect(failedLines).toHaveLength(1);
      expect(failedLines[0]).toMatch(/syntax error/);
      expect(res.stderr).not.toContain("good.ts");
      expect(text(dir, "broken.ts")).toBe(broken);
      expect(text(dir, "good.ts")).toBe(REWRITTEN);
    });

    it("a binary .ts and a non-UTF-8 .js fail with a reason; other files are still processed", async ({ tmp }) => {
      const binary = Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02, 0x0a]);
      const latin1 = Buffer.from(`const s = "caf\xe9";\nexports.handler = async () => s;\n`, "latin1");
      const dir = tmp.make({ "blob.ts": binary, "latin1.js": latin1, "handler.ts": HANDLER });
      gitInit(dir);

      const res = await runCli(dir, ["--json"]);
      const result = parseResult(res);
      expect(res.code).toBe(1);
      expect(statuses(result)).toEqual({
        "blob.ts": "failed: binary file (contains NUL bytes)",
        "handler.ts": "changed",
        "latin1.js": "failed: not valid UTF-8 text",
      });
      expect(read(dir, "blob.ts").equals(binary)).toBe(true);
      expect(read(dir, "latin1.js").equals(latin1)).toBe(true);
      expect(text(dir, "handler.ts")).toBe(REWRITTEN);
    });
  });

  describe("discovery", () => {
    it("leaves .gitignored files, node_modules, dist and --ignore globs alone", async ({ tmp }) => {
      const dir = tmp.make({
        ".gitignore": "generated/\n*.local.ts\n",
        "generated/handler.ts": HANDLER,
        "src/env.local.ts": HANDLER,
        "node_modules/pkg/index.ts": HANDLER,
        "dist/handler.ts": HANDLER,
        "packages/a/dist/handler.ts": HANDLER,
        "src/legacy/old.ts": HANDLER,
        "src/skip-me.ts": HANDLER,
        "src/handler.ts": HANDLER,
      });
      gitInit(dir);
      const untouched = [
        "generated/handler.ts",
        "src/env.local.ts",
        "node_modules/pkg/index.ts",
        "dist/handler.ts",
        "packages/a/dist/handler.ts",
        "src/legacy/old.ts",
        "src/skip-me.ts",
      ];

      const res = await runCli(dir, ["--json", "--ignore", "src/legacy/**", "--ignore", "**/skip-me.ts"]);
      const result = parseResult(res);
      expect(res.code).toBe(0);
      expect(result.files.map((f) => f.path)).toEqual(["src/handler.ts"]);
      expect(text(dir, "src/handler.ts")).toBe(REWRITTEN);
      for (const rel of untouched) expect(text(dir, rel), rel).toBe(HANDLER);
    });

    it("--ignore globs apply from the working directory when a folder is given", async ({ tmp }) => {
      const dir = tmp.make({ "src/legacy/old.ts": HANDLER, "src/handler.ts": HANDLER });
      gitInit(dir);

      const res = await runCli(dir, ["--json", "--ignore", "src/legacy/**", "src"]);
      const result = parseResult(res);
      expect(result.files.map((f) => f.path)).toEqual(["src/handler.ts"]);
      expect(text(dir, "src/legacy/old.ts")).toBe(HANDLER);
    });

    it("does not follow a symlinked source file, in a folder or named explicitly", async ({ tmp }) => {
      const dir = tmp.make({ "outside/target.ts": HANDLER, "repo/src/handler.ts": HANDLER });
      const repo = path.join(dir, "repo");
      symlinkSync("../../outside/target.ts", path.join(repo, "src/link.ts"));
      gitInit(repo);

      const res = await runCli(repo, ["--json", "--force", ".", "src/link.ts"]);
      const result = parseResult(res);
      expect(res.code).toBe(0);
      expect(statuses(result)).toEqual({
        "src/handler.ts": "changed",
        "src/link.ts": "skipped: symbolic link (not followed)",
      });
      expect(text(dir, "outside/target.ts")).toBe(HANDLER);
      expect(text(repo, "src/handler.ts")).toBe(REWRITTEN);
    });

    it("does not follow a symlinked source file matched by a glob path", async ({ tmp }) => {
      const dir = tmp.make({ "outside/target.ts": HANDLER, "repo/src/handler.ts": HANDLER });
      const repo = path.join(dir, "repo");
      symlinkSync("../../outside/target.ts", path.join(repo, "src/link.ts"));
      gitInit(repo);

      const res = await runCli(repo, ["--json", "src/*.ts"]);
      const result = parseResult(res);
      expect(text(dir, "outside/target.ts")).toBe(HANDLER);
      expect(statuses(result)["src/link.ts"]).toBe("skipped: symbolic link (not followed)");
      expect(text(repo, "src/handler.ts")).toBe(REWRITTEN);
    });
  });

  describe("--verbose entry-point notes", () => {
    it("lists exports named like handlers that were not taken, with the reason; without --verbose they are not listed", async ({ tmp }) => {
      const factory = `export const useNodeHandler = () => ({ start: async (input: string) => { void input; } });
export const handler = async () => {};
`;
      const dir = tmp.make({ "handler.ts": HANDLER, "cli/runtime.ts": factory });
      const verbose = await runCli(dir, ["--dry-run", "--verbose", "--no-color"]);
      expect(verbose.code, verbose.stderr).toBe(0);
      expect(verbose.stderr).toContain([
        "not treated as entry points:",
        "  cli/runtime.ts:1:31  useNodeHandler  named like a hook (use…), not a handler",
        "  cli/runtime.ts:2:24  handler  takes no parameters (a Lambda handler receives the event)",
      ].join("\n"));
      const quiet = await runCli(dir, ["--dry-run", "--no-color"]);
      expect(quiet.stderr).not.toContain("not treated as entry points");
      expect(quiet.stderr).toContain("  2 exports that look like entry points not taken in 1 file: cli/runtime.ts (2)\n");
      const github = await runCli(dir, ["--dry-run", "-f", "github"]);
      expect(github.stdout).toContain("::notice title=settle::2 exports look like entry points but were not taken; settle --verbose lists them and why\n");
      const sarif = JSON.parse((await runCli(dir, ["--dry-run", "-f", "sarif"])).stdout);
      const notified = sarif.runs[0].invocations[0].toolExecutionNotifications as { descriptor: { id: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      expect(notified.filter((n) => n.descriptor.id === "entry-point-declined").map((n) => `${n.locations![0].physicalLocation.artifactLocation.uri}:${n.locations![0].physicalLocation.region.startLine}`)).toEqual([
        "cli/runtime.ts:1",
        "cli/runtime.ts:2",
      ]);
      expect(sarif.runs[0].results).toEqual([]);
      const json = parseResult(await runCli(dir, ["--dry-run", "--json"]));
      expect(json.entryNotes.map((n) => `${n.file}:${n.line} ${n.kind} ${n.exportName}`)).toEqual([
        "cli/runtime.ts:1 declined useNodeHandler",
        "cli/runtime.ts:2 declined handler",
      ]);
    });
  });

  describe("--list, --help, --version", () => {
    it("--list prints every registry transform, one a line, in registry order", async ({ tmp }) => {
      const res = await runCli(tmp.make(), ["--list"]);
      expect(res.code, res.stderr).toBe(0);
      const lines = res.stdout.replace(/\n$/, "").split("\n");
      expect(lines.pop()).toMatch(/docs\/transforms\/<id>\.md/);
      expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(ids);
      transforms.forEach((t, i) => expect(lines[i]).toMatch(new RegExp(`^${t.id} +${escapeRegExp(t.summary)}$`)));
    });

    it("--help names every contract flag and every transform id", async ({ tmp }) => {
      const res = await runCli(tmp.make(), ["--help"]);
      expect(res.code, res.stderr).toBe(0);
      const flags = ["-t, --transform <ids>", "--list", "-n, --dry-run", "--check", "--json", "--strategy <s>", "--tsconfig <path>",
        "--jobs <n>", "--ignore <glob>", "--force", "--help", "--version", "--no-color", "--verbose"];
      for (const flag of flags) expect(res.stdout, flag).toContain(flag);
      for (const s of ["auto", "await", "defer"]) expect(res.stdout).toContain(`"${s}"`);
      for (const id of ids) expect(res.stdout, id).toMatch(new RegExp(`^\\s+${escapeRegExp(id)}\\s`, "m"));
      for (const doc of ["docs/transforms/<id>.md", "docs/findings.md", "docs/platforms.md"]) expect(res.stdout, doc).toContain(doc);
    });

    it("--version prints package.json's version", async ({ tmp }) => {
      const res = await runCli(tmp.make(), ["--version"]);
      expect(res).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    });
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
