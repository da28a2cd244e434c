import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { groupByTsconfig, type ProjectGroup } from "../../src/project.js";
import { run, type RunResult } from "../../src/run.js";
import { groupsOfShard, importLinks, linkedParts, parseShard, splitIntoShards } from "../../src/shard.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

const group = (name: string, files: number): ProjectGroup => ({ tsconfig: `/r/${name}/tsconfig.json`, files: Array.from({ length: files }, (_, i) => `/r/${name}/f${i}.ts`) });

describe("--shard i/n", () => {
  it("parses i/n with 1 <= i <= n, and says what is wrong otherwise", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("0/2")).toEqual({ invalid: "--shard 0/2: i must be between 1 and n" });
    expect(parseShard("3/2")).toEqual({ invalid: "--shard 3/2: i must be between 1 and n" });
    expect(parseShard("2")).toEqual({ invalid: "--shard takes <i>/<n>, such as 1/4 (got '2')" });
  });

  it("puts every group in exactly one shard, largest parts first on the lightest shard", () => {
    const [a, b, c, d, e] = [group("a", 50), group("b", 30), group("c", 25), group("d", 20), group("e", 5)];
    const shards = splitIntoShards([[a], [b], [c], [d], [e]], 2);
    expect(shards.map((s) => s.map((g) => g.files.length))).toEqual([[50, 20], [30, 25, 5]]);
    expect(shards.flat().map((g) => g.tsconfig).sort()).toEqual([a, b, c, d, e].map((g) => g.tsconfig).sort());
    // More shards than parts: the extra shards are empty, not an error.
    expect(splitIntoShards([[a]], 3).map((s) => s.length)).toEqual([1, 0, 0]);
  });

  it("splits the same way whatever order the groups come in", () => {
    const groups = [group("a", 10), group("b", 10), group("c", 10), group("d", 3)];
    const split = (gs: ProjectGroup[]) => [1, 2, 3].map((index) => groupsOfShard(gs, { index, count: 3 }, []).map((g) => g.tsconfig).sort());
    expect(split([...groups].reverse())).toEqual(split(groups));
  });

  it("keeps linked groups in one part", () => {
    const groups = [group("a", 1), group("b", 1), group("c", 1), group("d", 1)];
    expect(linkedParts(groups, [[0, 2], [3, 2]]).map((p) => p.map((g) => path.basename(path.dirname(g.tsconfig!))))).toEqual([["a", "c", "d"], ["b"]]);
  });

  it("links groups by what their files import: a workspace package, a `paths` alias, a relative path, a require", () => {
    const cwd = monorepo();
    const groups = groupByTsconfig(["api/src/handler.ts", "core/src/index.ts", "jobs/src/job.js", "tools/src/cli.ts", "util/src/index.ts", "web/src/page.ts"].map((f) => path.join(cwd, "packages", f)));
    const names = (i: number) => path.basename(path.dirname(groups[i]!.tsconfig!));
    expect(importLinks(groups).map(([a, b]) => `${names(a)} -> ${names(b)}`).sort()).toEqual(["api -> core", "jobs -> util", "tools -> util", "web -> core"]);
  });

  it("two shards analyse what one run does, each file once, packages that import each other together", async () => {
    const cwd = monorepo();
    const whole = await settle(cwd);
    const shards = await Promise.all([1, 2].map((index) => settle(cwd, { index, count: 2 })));
    expect(shards.map((s) => s.shard)).toEqual([{ index: 1, count: 2 }, { index: 2, count: 2 }]);
    const files = (r: RunResult) => r.files.map((f) => `${f.path} ${f.status}`);
    expect(shards.flatMap(files).sort()).toEqual(files(whole).sort());
    expect(shards.flatMap((s) => s.findings).map((f) => `${f.file}:${f.line} ${f.rule}`).sort()).toEqual(whole.findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort());
    expect(shards.flatMap((s) => s.files.map((f) => f.diff ?? "")).sort()).toEqual(whole.files.map((f) => f.diff ?? "").sort());
    // The core function the api handler reaches is rewritten in the shard that has both.
    const withCore = shards.find((s) => s.files.some((f) => f.path === "packages/core/src/index.ts"))!;
    expect(withCore.files.map((f) => f.path)).toContain("packages/api/src/handler.ts");
    expect(withCore.files.find((f) => f.path === "packages/core/src/index.ts")!.status).toBe("changed");
    for (const s of shards) expect(s.notes).toEqual([]);
    // Balanced: api, core and web import each other (3 files), jobs, tools and util (3 files).
    expect(shards.map((s) => s.files.length)).toEqual([3, 3]);
  });
});

function settle(cwd: string, shard?: { index: number; count: number }): Promise<RunResult> {
  return run({ paths: ["."], cwd, mode: "dry-run", transforms: ["floating-promises"], checker: "ts6", shard });
}

/**
 * Six packages with a tsconfig each: api imports core by its workspace name, web through a `paths`
 * alias; jobs requires util by a relative path, tools imports it by name.
 */
function monorepo(): string {
  const options = { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", types: [], skipLibCheck: true, noEmit: true, allowJs: true };
  const tsconfig = (extra: object = {}) => JSON.stringify({ compilerOptions: { ...options, ...extra } });
  const handler = (imp: string, call: string) => `${imp}\nexport const handler = async (event: { id: string }) => {\n  await ${call}(event.id);\n  return { statusCode: 200 };\n};\n`;
  const dir = tempDir({
    "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }),
    "packages/core/package.json": JSON.stringify({ name: "@acme/core", main: "src/index.ts" }),
    "packages/core/tsconfig.json": tsconfig(),
    "packages/core/src/index.ts": "async function audit(id: string): Promise<void> {}\nexport async function record(id: string): Promise<void> {\n  audit(id);\n}\n",
    "packages/api/package.json": JSON.stringify({ name: "@acme/api" }),
    "packages/api/tsconfig.json": tsconfig(),
    "packages/api/src/handler.ts": handler('import { record } from "@acme/core";', "record"),
    "packages/web/package.json": JSON.stringify({ name: "@acme/web" }),
    "packages/web/tsconfig.json": tsconfig({ module: "esnext", moduleResolution: "bundler", baseUrl: ".", paths: { "@core/*": ["../core/src/*"] } }),
    "packages/web/src/page.ts": handler('import { record } from "@core/index";', "record"),
    "packages/util/package.json": JSON.stringify({ name: "@acme/util", main: "src/index.ts" }),
    "packages/util/tsconfig.json": tsconfig(),
    "packages/util/src/index.ts": "export async function ping(id: string): Promise<void> {}\n",
    "packages/jobs/package.json": JSON.stringify({ name: "@acme/jobs" }),
    "packages/jobs/tsconfig.json": tsconfig(),
    "packages/jobs/src/job.js": 'const { ping } = require("../../util/src/index.ts");\nexports.handler = async (event) => {\n  ping(event.id);\n};\n',
    "packages/tools/package.json": JSON.stringify({ name: "@acme/tools" }),
    "packages/tools/tsconfig.json": tsconfig(),
    "packages/tools/src/cli.ts": 'import { ping } from "@acme/util";\nexport async function main(): Promise<void> {\n  await ping("x");\n}\n',
  });
  mkdirSync(path.join(dir, "node_modules/@acme"), { recursive: true });
  for (const name of ["core", "util"]) symlinkSync(path.join(dir, "packages", name), path.join(dir, "node_modules/@acme", name), "dir");
  return dir;
}
