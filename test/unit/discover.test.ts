import { execFileSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MissingPathError, discoverFiles } from "../../src/discover.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

const SOURCES = ["src/a.js", "src/b.mjs", "src/c.cjs", "src/d.jsx", "src/e.ts", "src/f.mts", "src/g.cts", "src/h.tsx"];

const IGNORED_FOLDERS = [
  "node_modules/pkg/index.js",
  "src/node_modules/x.ts",
  "dist/index.js",
  "build/index.js",
  ".next/server/page.js",
  ".serverless/handler.js",
  ".aws-sam/build/app.js",
  "coverage/lcov-report/prettify.js",
  "packages/api/dist/index.js",
];

/** A git repository holding a small project. */
function repo(files: Record<string, string> = {}): string {
  const dir = tempDir({ "package.json": "{}", ...files });
  execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join("/"));

describe("discoverFiles", () => {
  it("includes every source extension, sorted, as absolute paths", async () => {
    const dir = repo(Object.fromEntries(SOURCES.map((f) => [f, ""])));
    const { files, skipped } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual([...SOURCES].sort());
    expect(files.every((f) => path.isAbsolute(f))).toBe(true);
    expect(skipped).toEqual([]);
  });

  it("leaves out non-source files such as .json, .md and .yml", async () => {
    const dir = repo({ "src/a.ts": "", "src/data.json": "{}", "README.md": "", "serverless.yml": "", "src/a.map": "" });
    const { files } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/a.ts"]);
  });

  it("ignores node_modules, dist, build, .next, .serverless, .aws-sam and coverage at any depth", async () => {
    const dir = repo(Object.fromEntries([...IGNORED_FOLDERS, "src/keep.ts"].map((f) => [f, ""])));
    const { files } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/keep.ts"]);
  });

  it("respects .gitignore", async () => {
    const dir = repo({ ".gitignore": "generated/\n*.gen.ts\n", "generated/x.ts": "", "src/y.gen.ts": "", "src/z.ts": "" });
    const { files } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/z.ts"]);
  });

  it("respects a .gitignore above the folder it is given", async () => {
    const dir = repo({ ".gitignore": "src/generated/\n", "src/generated/x.ts": "", "src/z.ts": "" });
    const { files } = await discoverFiles(["src"], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/z.ts"]);
  });

  it("applies extra --ignore globs", async () => {
    const dir = repo({ "src/a.ts": "", "src/legacy/b.ts": "", "src/c.spec.ts": "" });
    const { files } = await discoverFiles(["."], { cwd: dir, ignore: ["**/legacy/**", "**/*.spec.ts"] });
    expect(rel(dir, files)).toEqual(["src/a.ts"]);
  });

  it("processes an explicitly named file", async () => {
    const dir = repo({ "src/a.ts": "", "src/b.ts": "" });
    const { files, skipped } = await discoverFiles(["src/b.ts"], { cwd: dir });
    expect(files).toEqual([path.join(dir, "src/b.ts")]);
    expect(skipped).toEqual([]);
  });

  it("processes an explicitly named file even inside a default-ignored folder", async () => {
    const dir = repo({ "dist/a.js": "" });
    const { files } = await discoverFiles(["dist/a.js"], { cwd: dir });
    expect(files).toEqual([path.join(dir, "dist/a.js")]);
  });

  it("lists a file once when it is reached twice", async () => {
    const dir = repo({ "src/a.ts": "" });
    const { files } = await discoverFiles(["src", "src/a.ts", "."], { cwd: dir });
    expect(files).toEqual([path.join(dir, "src/a.ts")]);
  });

  it("expands a glob pattern with the default ignores", async () => {
    const dir = repo({ "src/a.ts": "", "src/b.js": "", "src/node_modules/c.ts": "" });
    const { files } = await discoverFiles(["src/**/*.ts"], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/a.ts"]);
  });

  it("throws MissingPathError naming a missing path", async () => {
    const dir = repo({ "src/a.ts": "" });
    const error = await discoverFiles(["src", "nope/handler.ts"], { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPathError);
    expect((error as MissingPathError).missing).toBe("nope/handler.ts");
    expect((error as MissingPathError).message).toBe("path does not exist: nope/handler.ts");
  });

  it("skips a symlinked file found in a folder, with a reason", async () => {
    const dir = repo({ "src/real.ts": "" });
    symlinkSync(path.join(dir, "src/real.ts"), path.join(dir, "src/link.ts"));
    const { files, skipped } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual(["src/real.ts"]);
    expect(skipped).toEqual([{ file: path.join(dir, "src/link.ts"), reason: "symbolic link (not followed)" }]);
  });

  it("skips an explicitly named symlink, with a reason", async () => {
    const dir = repo({ "src/real.ts": "" });
    symlinkSync(path.join(dir, "src/real.ts"), path.join(dir, "src/link.ts"));
    const { files, skipped } = await discoverFiles(["src/link.ts"], { cwd: dir });
    expect(files).toEqual([]);
    expect(skipped).toEqual([{ file: path.join(dir, "src/link.ts"), reason: "symbolic link (not followed)" }]);
  });

  it("does not descend into a symlinked folder", async () => {
    const dir = repo({ "real/a.ts": "" });
    symlinkSync(path.join(dir, "real"), path.join(dir, "alias"), "dir");
    const { files } = await discoverFiles(["."], { cwd: dir });
    expect(rel(dir, files)).toEqual(["real/a.ts"]);
  });
});
