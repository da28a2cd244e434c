import { symlinkSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { functionKey, functionsByKey } from "../../src/function-key.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { createInMemoryProject } from "../../src/project.js";
import { run } from "../../src/run.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

function functionsOf(text: string, name = "/repo/a.ts"): FunctionLike[] {
  const file = createInMemoryProject().createSourceFile(name, text);
  return file.getDescendants().filter(isFunctionLike);
}

describe("functionKey", () => {
  it("names a function by the named declarations around it", () => {
    const keys = functionsOf(
      [
        "export async function save() {}",
        "export const audit = async () => {};",
        "export const repo = { async put() {}, get: (id: string) => id, list: function () {} };",
        "export class Orders { async record() {} static make() {} run = async () => {}; }",
        "export namespace Jobs { export function nightly() {} }",
        "export default function () {}",
        "function outer() { const inner = () => {}; [1].map(() => 2); }",
      ].join("\n"),
    ).map(functionKey);
    expect(keys).toEqual([
      "f:save",
      "v:audit",
      "v:repo/m:put",
      "v:repo/p:get",
      "v:repo/p:list",
      "c:Orders/m:record",
      "c:Orders/m:static make",
      "c:Orders/m:run",
      "n:Jobs/f:nightly",
      "f:default",
      "f:outer",
      "f:outer/v:inner",
      // A callback has no name of its own: it is reached through the function that holds it.
      undefined,
    ]);
  });

  it("names CommonJS exports by what they are assigned to", () => {
    const keys = functionsOf("module.exports = async function () {};\nexports.run = async () => {};\n", "/repo/a.js").map(functionKey);
    expect(keys).toEqual(["a:module.exports", "a:exports.run"]);
  });

  it("finds the functions of a file by key, whatever their positions", () => {
    const file = createInMemoryProject().createSourceFile("/repo/b.ts", "// moved down\n\nexport const repo = { async put() {} };\nexport async function save() {}\n");
    const found = functionsByKey(file, new Set(["v:repo/m:put", "f:missing"]));
    expect(found.map((fn) => fn.getText())).toEqual(["async put() {}"]);
  });
});

/** npm workspaces: packages/core is linked as node_modules/@acme/core; each package has its own tsconfig. */
function workspace(extra: Record<string, string> = {}): string {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", types: [], skipLibCheck: true, noEmit: true } });
  const dir = tempDir({
    "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }),
    // "a-core" sorts first: the reached package is analysed before the package whose handler reaches it.
    "packages/a-core/package.json": JSON.stringify({ name: "@acme/core", main: "src/index.ts" }),
    "packages/a-core/tsconfig.json": tsconfig,
    "packages/a-core/src/index.ts": [
      "async function audit(id: string): Promise<void> {}",
      "export async function record(id: string): Promise<void> {",
      "  audit(id);",
      "}",
      "export function warmUp(): void {",
      "  audit('warm-up');",
      "}",
      "",
    ].join("\n"),
    "packages/b-api/package.json": JSON.stringify({ name: "@acme/api", dependencies: { "@acme/core": "*" } }),
    "packages/b-api/tsconfig.json": tsconfig,
    "packages/b-api/src/handler.ts": [
      'import { record } from "@acme/core";',
      "export const handler = async (event: { id: string }) => {",
      "  await record(event.id);",
      "  return { statusCode: 200 };",
      "};",
      "",
    ].join("\n"),
    ...extra,
  });
  mkdirSync(path.join(dir, "node_modules/@acme"), { recursive: true });
  symlinkSync(path.join(dir, "packages/a-core"), path.join(dir, "node_modules/@acme/core"), "dir");
  return dir;
}

describe("reach across tsconfig boundaries (monorepos)", () => {
  it.each(["ts6", "ts7"] as const)("a handler of one package gets the functions it reaches in another package rewritten, in that package's file (%s)", async (checker) => {
    const cwd = workspace();
    const progress: number[] = [];
    const result = await run({ paths: ["."], cwd, mode: "dry-run", transforms: ["floating-promises"], checker, onProgress: (done) => progress.push(done) });
    // core is analysed again once api's handler reaches it; its files count once.
    expect(progress).toEqual([1, 2]);
    expect(result.files.filter((f) => f.status === "changed").map((f) => f.path)).toEqual(["packages/a-core/src/index.ts"]);
    const diff = result.files.find((f) => f.status === "changed")!.diff!;
    expect(diff).toContain("-  audit(id);\n+  await audit(id);");
    // warmUp is not reached from any handler.
    expect(diff).not.toContain("await audit('warm-up')");
    expect(result.notes).toEqual([]);
  });

  it.each(["ts6", "ts7"] as const)("a package with a handler of its own, reached from another package and so analysed again, gets both rewrites (%s)", async (checker) => {
    // core's first analysis edits jobs.ts (callback-apis, then floating-promises asks about the edited
    // text); the api handler reaching record makes core analysed again, from the original texts.
    const cwd = workspace({
      "packages/a-core/src/jobs.ts": [
        'import { record } from "./index.js";',
        "async function warm(): Promise<void> {}",
        "export const handler = async (event: { id: string }) => {",
        "  await new Promise<void>((resolve) => setTimeout(resolve, 1));",
        "  setTimeout(() => { console.log('later'); }, 1);",
        "  warm();",
        "  await record('job');",
        "};",
        "",
      ].join("\n"),
    });
    const result = await run({ paths: ["."], cwd, mode: "dry-run", transforms: ["callback-apis", "floating-promises"], checker });
    expect(result.findings).toEqual([]);
    expect(result.files.filter((f) => f.status === "changed").map((f) => f.path).sort()).toEqual(["packages/a-core/src/index.ts", "packages/a-core/src/jobs.ts"]);
    expect(result.files.find((f) => f.path === "packages/a-core/src/jobs.ts")!.diff).toContain("+  await new Promise((resolve) => setTimeout(resolve, 1));\n+  console.log('later'); \n+  await warm();");
    expect(result.files.find((f) => f.path === "packages/a-core/src/jobs.ts")!.diff).toContain("+  await warm();");
    expect(result.files.find((f) => f.path === "packages/a-core/src/index.ts")!.diff).toContain("+  await audit(id);");
  });

  it("two packages reaching the same function give it one edit", async () => {
    const cwd = workspace({
      "packages/c-jobs/package.json": JSON.stringify({ name: "@acme/jobs", dependencies: { "@acme/core": "*" } }),
      "packages/c-jobs/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", types: [], noEmit: true } }),
      "packages/c-jobs/src/handler.ts": 'import { record } from "@acme/core";\nexport const handler = async (event: { id: string }) => {\n  await record(event.id);\n};\n',
    });
    const result = await run({ paths: ["."], cwd, mode: "dry-run", transforms: ["floating-promises"], checker: "ts6" });
    const diff = result.files.find((f) => f.path === "packages/a-core/src/index.ts")!.diff!;
    expect(diff.match(/^\+.*await audit\(id\);$/gm)).toEqual(["+  await audit(id);"]);
  });

  it("functions reached outside the paths given are not rewritten, and the run says so", async () => {
    const cwd = workspace();
    const result = await run({ paths: ["packages/b-api"], cwd, mode: "dry-run", transforms: ["floating-promises"], checker: "ts6" });
    expect(result.counts.changed).toBe(0);
    expect(result.notes).toEqual([
      "handlers reach functions in 1 file settle was not given (outside the paths, or ignored), not rewritten: packages/a-core/src/index.ts (run settle over them too)",
    ]);
  });
});
