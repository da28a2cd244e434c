import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGitGuard } from "../../src/git.js";
import { useTempDirs, writeFiles } from "./temp-dir.js";

const tempDir = useTempDirs();

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    "git",
    ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd, stdio: "ignore" },
  );
}

/** A git repository with `committed` files in its first commit. */
function repo(committed: Record<string, string>): string {
  const dir = tempDir(committed);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

describe("createGitGuard", () => {
  it("allows a committed, unchanged file", () => {
    const dir = repo({ "src/a.ts": "export {};\n", "b.ts": "" });
    const guard = createGitGuard();
    expect(guard(path.join(dir, "src/a.ts"))).toBeUndefined();
    expect(guard(path.join(dir, "b.ts"))).toBeUndefined();
  });

  it("refuses a modified file as uncommitted", () => {
    const dir = repo({ "src/a.ts": "export {};\n", "src/clean.ts": "" });
    writeFileSync(path.join(dir, "src/a.ts"), "export const x = 1;\n");
    const guard = createGitGuard();
    expect(guard(path.join(dir, "src/a.ts"))).toMatch(/uncommitted/);
    expect(guard(path.join(dir, "src/clean.ts"))).toBeUndefined();
  });

  it("refuses a staged change", () => {
    const dir = repo({ "a.ts": "1\n" });
    writeFileSync(path.join(dir, "a.ts"), "2\n");
    git(dir, "add", "a.ts");
    expect(createGitGuard()(path.join(dir, "a.ts"))).toMatch(/uncommitted/);
  });

  it("refuses an untracked file, also inside an untracked folder", () => {
    const dir = repo({ "a.ts": "" });
    writeFiles(dir, { "new.ts": "", "fresh/deep/b.ts": "" });
    const guard = createGitGuard();
    expect(guard(path.join(dir, "new.ts"))).toMatch(/uncommitted/);
    expect(guard(path.join(dir, "fresh/deep/b.ts"))).toMatch(/uncommitted/);
  });

  it("refuses the new path of a staged rename and handles names with spaces and non-ASCII", () => {
    const dir = repo({ "old name.ts": "", "z.ts": "" });
    git(dir, "mv", "old name.ts", "nouvé name.ts");
    const guard = createGitGuard();
    expect(guard(path.join(dir, "nouvé name.ts"))).toMatch(/uncommitted/);
    expect(guard(path.join(dir, "z.ts"))).toBeUndefined();
  });

  it("refuses a file outside any git repository, mentioning git", () => {
    const dir = tempDir({ "a.ts": "" });
    expect(createGitGuard()(path.join(dir, "a.ts"))).toMatch(/git/);
  });

  it("answers for files in two different repositories", () => {
    const one = repo({ "a.ts": "" });
    const two = repo({ "a.ts": "" });
    writeFileSync(path.join(two, "a.ts"), "changed\n");
    const guard = createGitGuard();
    expect(guard(path.join(one, "a.ts"))).toBeUndefined();
    expect(guard(path.join(two, "a.ts"))).toMatch(/uncommitted/);
  });

  it("refuses a modified file reached through a symlinked folder (e.g. macOS /var → /private/var)", () => {
    const dir = repo({ "src/a.ts": "1\n" });
    writeFileSync(path.join(dir, "src/a.ts"), "2\n");
    const alias = path.join(tempDir(), "checkout");
    symlinkSync(dir, alias, "dir");
    expect(createGitGuard()(path.join(alias, "src/a.ts"))).toMatch(/uncommitted/);
  });
});
