import path from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { createInMemoryProject, createProject, findNearestTsconfig, groupByTsconfig } from "../../src/project.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

/**
 * root/ (package.json, tsconfig.json)
 *   src/z.ts                     → root/tsconfig.json
 *   packages/a/ (package.json)   → none: the package boundary stops the search before root
 *   packages/b/ (tsconfig.json)  → packages/b/tsconfig.json
 *   packages/c/ (jsconfig.json)  → packages/c/jsconfig.json
 */
function monorepo(): string {
  return tempDir({
    "package.json": "{}",
    "tsconfig.json": `{ "compilerOptions": { "strict": true } }`,
    "src/deep/z.ts": "",
    "packages/a/package.json": "{}",
    "packages/a/src/x.ts": "",
    "packages/b/tsconfig.json": "{}",
    "packages/b/src/y.ts": "",
    "packages/c/package.json": "{}",
    "packages/c/jsconfig.json": "{}",
    "packages/c/lib/w.js": "",
  });
}

describe("findNearestTsconfig", () => {
  it("finds the tsconfig in an ancestor folder", () => {
    const root = monorepo();
    expect(findNearestTsconfig(path.join(root, "src/deep/z.ts"))).toBe(path.join(root, "tsconfig.json"));
  });

  it("stops at a package.json boundary instead of using an outer tsconfig", () => {
    const root = monorepo();
    expect(findNearestTsconfig(path.join(root, "packages/a/src/x.ts"))).toBeUndefined();
  });

  it("uses the nearest of several tsconfigs, and jsconfig.json too", () => {
    const root = monorepo();
    expect(findNearestTsconfig(path.join(root, "packages/b/src/y.ts"))).toBe(path.join(root, "packages/b/tsconfig.json"));
    expect(findNearestTsconfig(path.join(root, "packages/c/lib/w.js"))).toBe(path.join(root, "packages/c/jsconfig.json"));
  });

  it("prefers tsconfig.json over jsconfig.json in the same folder", () => {
    const root = tempDir({ "package.json": "{}", "tsconfig.json": "{}", "jsconfig.json": "{}", "a.js": "" });
    expect(findNearestTsconfig(path.join(root, "a.js"))).toBe(path.join(root, "tsconfig.json"));
  });

  it("gives the same answers through a shared cache", () => {
    const root = monorepo();
    const cache = new Map<string, string | null>();
    const files = ["packages/a/src/x.ts", "src/deep/z.ts", "packages/b/src/y.ts", "packages/a/src/x.ts", "src/deep/z.ts"];
    const answers = files.map((f) => findNearestTsconfig(path.join(root, f), cache));
    expect(answers).toEqual([
      undefined,
      path.join(root, "tsconfig.json"),
      path.join(root, "packages/b/tsconfig.json"),
      undefined,
      path.join(root, "tsconfig.json"),
    ]);
  });
});

describe("groupByTsconfig", () => {
  it("groups files by their nearest tsconfig, in first-seen order", () => {
    const root = monorepo();
    const f = (p: string) => path.join(root, p);
    const groups = groupByTsconfig([
      f("src/deep/z.ts"),
      f("packages/a/src/x.ts"),
      f("packages/b/src/y.ts"),
      f("src/other.ts"),
      f("packages/a/src/x2.ts"),
    ]);
    expect(groups).toEqual([
      { tsconfig: f("tsconfig.json"), files: [f("src/deep/z.ts"), f("src/other.ts")] },
      { tsconfig: undefined, files: [f("packages/a/src/x.ts"), f("packages/a/src/x2.ts")] },
      { tsconfig: f("packages/b/tsconfig.json"), files: [f("packages/b/src/y.ts")] },
    ]);
  });

  it("puts every file under an override tsconfig", () => {
    const root = monorepo();
    const files = [path.join(root, "src/deep/z.ts"), path.join(root, "packages/a/src/x.ts")];
    expect(groupByTsconfig(files, "/elsewhere/tsconfig.json")).toEqual([{ tsconfig: "/elsewhere/tsconfig.json", files }]);
  });
});

/** The project can type-check a file: what every transform needs from it. */
function typeOf(project: ReturnType<typeof createInMemoryProject>, dir: string): string {
  const file = project.createSourceFile(path.join(dir, "probe.ts"), "export const p = Promise.resolve(1);\n", {
    overwrite: true,
  });
  return file.getVariableDeclarationOrThrow("p").getType().getText();
}

describe("createProject", () => {
  it("uses inferred options (allowJs) when there is no tsconfig", () => {
    const dir = tempDir();
    const { project, configError } = createProject(undefined);
    expect(configError).toBeUndefined();
    expect(project.getCompilerOptions().allowJs).toBe(true);
    expect(typeOf(project, dir)).toBe("Promise<number>");
  });

  it("reads a valid tsconfig without loading its files, and allows JS", () => {
    const dir = tempDir({
      "tsconfig.json": `{ "compilerOptions": { "strict": true, "target": "ES2022" }, "include": ["src"] }`,
      "src/a.ts": "export const a = 1;\n",
    });
    const { project, configError } = createProject(path.join(dir, "tsconfig.json"));
    expect(configError).toBeUndefined();
    expect(project.getCompilerOptions().strict).toBe(true);
    expect(project.getCompilerOptions().allowJs).toBe(true);
    expect(project.getSourceFiles()).toEqual([]);
  });

  it("returns configError and a usable inferred project for invalid JSON", () => {
    const dir = tempDir({ "tsconfig.json": `{ "compilerOptions": { "strict": true ` });
    const { project, configError } = createProject(path.join(dir, "tsconfig.json"));
    expect(configError).toEqual(expect.any(String));
    expect(configError).toMatch(/expected/i);
    expect(project.getCompilerOptions().allowJs).toBe(true);
    expect(project.getCompilerOptions().strict).toBeUndefined();
    expect(typeOf(project, dir)).toBe("Promise<number>");
  });

  it("returns configError and a usable inferred project when extends names a missing file", () => {
    const dir = tempDir({ "tsconfig.json": `{ "extends": "./missing.json", "compilerOptions": { "strict": true } }` });
    const { project, configError } = createProject(path.join(dir, "tsconfig.json"));
    expect(configError).toMatch(/missing\.json/);
    expect(project.getCompilerOptions().target).toBe(ts.ScriptTarget.ES2022);
    expect(typeOf(project, dir)).toBe("Promise<number>");
  });

  it("returns configError when extends names a package that is not installed", () => {
    const dir = tempDir({ "tsconfig.json": `{ "extends": "@tsconfig/not-installed/tsconfig.json" }` });
    const { configError } = createProject(path.join(dir, "tsconfig.json"));
    expect(configError).toMatch(/@tsconfig\/not-installed/);
  });

  it("returns configError for an unreadable (missing) tsconfig path", () => {
    const dir = tempDir();
    const { project, configError } = createProject(path.join(dir, "tsconfig.json"));
    expect(configError).toEqual(expect.any(String));
    expect(typeOf(project, dir)).toBe("Promise<number>");
  });
});

describe("createInMemoryProject", () => {
  it("type-checks without touching the disk", () => {
    const project = createInMemoryProject();
    expect(project.getFileSystem().fileExistsSync("/package.json")).toBe(false);
    expect(typeOf(project, "/")).toBe("Promise<number>");
  });
});
