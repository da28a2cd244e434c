import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test as base } from "vitest";
import { runCli, TempDirs } from "../helpers/temp-repo.js";
import { buildHostileRepo, configErrors, FIRST_RUN, HANDLER, NEVER_READ, rewrite } from "./hostile-repo.js";
import { changedPaths, expectNoStackTrace, fileBytes, parseResult, snapshotTree, statuses, type Entry } from "./helpers.js";

const it = base.extend<{ tmp: TempDirs }>({
  tmp: async ({}, use) => {
    const tmp = new TempDirs();
    await use(tmp);
    tmp.cleanup();
  },
});

const withoutGit = (snapshot: Map<string, Entry>) => new Map([...snapshot].filter(([rel]) => rel !== ".git" && !rel.startsWith(".git/")));

/** Every regular file's bytes must be exactly `expected` (and no regular file may be missing or added). */
function expectFiles(dir: string, expected: Map<string, Buffer>): void {
  const actual = fileBytes(withoutGit(snapshotTree(dir)));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const differing = [...expected].filter(([rel, bytes]) => !actual.get(rel)!.equals(bytes)).map(([rel]) => rel);
  expect(differing).toEqual([]);
}

describe.concurrent("a hostile repository through the real CLI", { timeout: 120_000 }, () => {
  it("gives every file its exact outcome, leaves every byte as expected, goes on, exits 1; a second run changes nothing", async ({ tmp }) => {
    const repo = buildHostileRepo(tmp.make());
    const outsideBefore = snapshotTree(repo.outside);

    const first = await runCli(repo.dir, ["--json", ...repo.paths], 120_000);
    const result = parseResult(first);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe("");
    expect(statuses(result)).toEqual(FIRST_RUN);
    expect(result.errors).toEqual(configErrors(repo.dir));
    expect(result.interrupted).toBe(false);
    for (const f of result.files) expect(f.written, f.path).toBe(f.status === "changed");
    expectFiles(repo.dir, repo.afterWrite);
    // Links are still the same links; nothing they point to outside the roots was touched.
    const links = snapshotTree(path.join(repo.dir, "services/links"));
    expect(links.get("inside.ts")).toEqual({ kind: "symlink", target: "../ts/handler.ts" });
    expect(links.get("zero.ts")).toEqual({ kind: "symlink", target: "/dev/zero" });
    expect(changedPaths(outsideBefore, snapshotTree(repo.outside))).toEqual([]);
    expect(snapshotTree(path.join(repo.dir, "services/ts")).get("pipe.ts")?.kind).toBe("other");

    // Idempotence: everything rewritten is now unchanged, the rest keeps its outcome, no byte moves.
    const beforeSecond = withoutGit(snapshotTree(repo.dir));
    const second = parseResult(await runCli(repo.dir, ["--json", ...repo.paths], 120_000));
    const again = Object.fromEntries(Object.entries(FIRST_RUN).map(([rel, s]) => [rel, s === "changed" ? "unchanged" : s]));
    expect(statuses(second)).toEqual(again);
    expect(second.exitCode).toBe(1);
    expect(changedPaths(beforeSecond, withoutGit(snapshotTree(repo.dir)))).toEqual([]);
  });

  it("prints one line per skipped or failed file and per config error, naming it and the reason, and no stack trace", async ({ tmp }) => {
    const repo = buildHostileRepo(tmp.make());

    const res = await runCli(repo.dir, repo.paths, 120_000);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    expectNoStackTrace(res.stderr);
    const lines = res.stderr.split("\n");
    const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0 };
    for (const outcome of Object.values(FIRST_RUN)) counts[outcome.split(":")[0] as keyof typeof counts]++;
    expect(lines[0]).toBe(
      `settle: ${counts.changed} files changed, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed, 0 findings`,
    );
    for (const [rel, outcome] of Object.entries(FIRST_RUN)) {
      const mentions = lines.filter((l) => l.startsWith(`  ${rel}  `));
      if (outcome === "changed" || outcome === "unchanged") expect(mentions, rel).toEqual([]);
      else expect(mentions, rel).toEqual([`  ${rel}  ${outcome.slice(outcome.indexOf(": ") + 2)}`]);
    }
    for (const e of configErrors(repo.dir)) expect(lines, e.file).toContain(`  ${e.file}  ${e.message}`);
    // Nothing from ignored folders or paths not given is mentioned at all.
    for (const rel of [...Object.keys(NEVER_READ), "scripts/not-given.ts"]) expect(res.stderr, rel).not.toContain(rel);
  });

  it("--dry-run and --check write nothing at all: every byte, mode and mtime, no temp file, no cache, nothing in TMPDIR", async ({ tmp }) => {
    const root = tmp.make();
    const repo = buildHostileRepo(root);
    const tmpdir = path.join(root, "tmp");
    mkdirSync(tmpdir);
    const before = snapshotTree(root);

    for (const flag of ["--dry-run", "--check"]) {
      const res = await runCli(repo.dir, [flag, "--json", ...repo.paths], 120_000, { env: { TMPDIR: tmpdir, TMP: tmpdir, TEMP: tmpdir } });
      const result = parseResult(res);
      expect(res.code, flag).toBe(1);
      expect(result.files.filter((f) => f.written), flag).toEqual([]);
      // Dry runs never refuse: the dirty and untracked files are diffed like the others.
      const dryStatuses = Object.fromEntries(
        Object.entries(FIRST_RUN).map(([rel, s]) => [rel, s.includes("uncommitted changes") ? "changed" : s]),
      );
      expect(statuses(result), flag).toEqual(dryStatuses);
      expect(result.files.find((f) => f.path === "services/ts/handler.ts")?.diff).toContain(`+  await track("x");`);
      // .git and node_modules included: not even git's index is refreshed.
      expect(changedPaths(before, snapshotTree(root)), flag).toEqual([]);
      expect(readdirSync(tmpdir), flag).toEqual([]);
    }
  });

  it("never writes a file outside the given paths, even one the given files import", async ({ tmp }) => {
    const dir = tmp.make({
      "tsconfig.json": `{ "compilerOptions": { "strict": true } }\n`,
      "packages/a/handler.ts": `import { helper } from "../b/helper";\n${HANDLER.replace(`  track("x");`, `  track("x");\n  helper();`)}`,
      "packages/b/helper.ts": `${HANDLER}export async function helper(): Promise<void> {\n  track("y");\n}\n`,
      "packages/b/handler.ts": HANDLER,
    });
    const before = snapshotTree(dir);

    const res = await runCli(dir, ["--json", "--force", "packages/a"]);
    const result = parseResult(res);
    expect(res.code).toBe(0);
    expect(statuses(result)).toEqual({ "packages/a/handler.ts": "changed" });
    expect(changedPaths(before, snapshotTree(dir))).toEqual(["packages/a", "packages/a/handler.ts"]);
    const after = fileBytes(snapshotTree(dir));
    expect(after.get("packages/a/handler.ts")!.toString()).toBe(
      `import { helper } from "../b/helper";\n${rewrite(HANDLER).replace(`  await track("x");`, `  await track("x");\n  await helper();`)}`,
    );
  });
});
