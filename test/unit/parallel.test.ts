import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysePart, crossPartReach, defaultJobs, mergeParts, partsOf, type AnalysisRecord } from "../../src/parallel.js";
import { createDeclarationCache, groupByTsconfig } from "../../src/project.js";
import { Ts7Session } from "../../src/types/ts7.js";
import { transforms as registry } from "../../transforms/index.js";
import { run, UsageError, type RunOptions, type RunResult } from "../../src/run.js";
import { discoverFiles } from "../../src/discover.js";
import { useTempDirs, writeFiles } from "./temp-dir.js";

const tempDir = useTempDirs();
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", types: [], skipLibCheck: true, noEmit: true } });

/** An emitter whose type is unknown (no @types/node): a finding. */
const EVENTS = 'import { EventEmitter } from "node:events";\nasync function save(id: string): Promise<void> {}\nexport const handler = async (event: { id: string }) => {\n  const e = new EventEmitter();\n  e.on("x", () => save("a"));\n};\n';

/**
 * npm workspaces: api's handler reaches core (linked as node_modules/@acme/core; core sorts first, so it
 * is analysed again once api reaches it); orders is on its own (a handler, a callback handler in
 * JavaScript, a binary file); legacy has no tsconfig (inferred options); broken's tsconfig does not parse.
 */
function monorepo(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "settle-unit-")));
  writeFiles(dir, {
    "package.json": JSON.stringify({ name: "acme", private: true, workspaces: ["packages/*"] }),
    "packages/a-core/package.json": JSON.stringify({ name: "@acme/core", main: "src/index.ts" }),
    "packages/a-core/tsconfig.json": TSCONFIG,
    "packages/a-core/src/index.ts": "async function audit(id: string): Promise<void> {}\nexport async function record(id: string): Promise<void> {\n  audit(id);\n}\n",
    "packages/b-api/package.json": JSON.stringify({ name: "@acme/api", dependencies: { "@acme/core": "*" } }),
    "packages/b-api/tsconfig.json": TSCONFIG,
    "packages/b-api/src/handler.ts": 'import { record } from "@acme/core";\nexport const handler = async (event: { id: string }) => {\n  await record(event.id);\n  return { statusCode: 200 };\n};\n',
    "packages/c-orders/package.json": JSON.stringify({ name: "@acme/orders" }),
    "packages/c-orders/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", allowJs: true, types: [], noEmit: true } }),
    "packages/c-orders/src/handler.ts": "async function save(id: string): Promise<void> {}\nexport const handler = async (event: { id: string }) => {\n  save(event.id);\n};\n",
    "packages/c-orders/src/legacy.js": "exports.handler = function (event, context, callback) {\n  setTimeout(() => callback(null, { ok: true }), 1);\n};\n",
    "packages/c-orders/src/blob.ts": Buffer.from([0x65, 0x00, 0x66]),
    "packages/c-orders/src/events.ts": EVENTS,
    // Not an entry point (no parameters): an entry note.
    "packages/c-orders/src/noop.ts": "export const handler = async () => {};\n",
    "packages/d-legacy/package.json": JSON.stringify({ name: "@acme/legacy" }),
    "packages/d-legacy/index.js": "async function ping() {}\nexports.handler = async (event) => {\n  ping();\n};\n",
    "packages/e-broken/package.json": JSON.stringify({ name: "@acme/broken" }),
    "packages/e-broken/tsconfig.json": '{ "compilerOptions": { "strict": tru } }',
    "packages/e-broken/src/h.ts": "async function later(): Promise<void> {}\nexport const handler = async (event: unknown) => {\n  later();\n};\n",
    "packages/e-broken/src/events.ts": EVENTS,
  });
  mkdirSync(path.join(dir, "node_modules/@acme"), { recursive: true });
  symlinkSync(path.join(dir, "packages/a-core"), path.join(dir, "node_modules/@acme/core"), "dir");
  return dir;
}

const BROKEN_TSCONFIG = "Property value can only be string literal, numeric literal, 'true', 'false', 'null', object literal or array literal; its files were analysed with inferred options";

const EXPECTED_FILES = [
  "packages/a-core/src/index.ts changed",
  "packages/b-api/src/handler.ts unchanged",
  "packages/c-orders/src/blob.ts failed: binary file (contains NUL bytes)",
  "packages/c-orders/src/events.ts unchanged",
  "packages/c-orders/src/handler.ts changed",
  "packages/c-orders/src/legacy.js changed",
  "packages/c-orders/src/noop.ts unchanged",
  "packages/d-legacy/index.js changed",
  "packages/e-broken/src/events.ts unchanged",
  "packages/e-broken/src/h.ts changed",
];

const describe_ = (f: RunResult["files"][number]) => `${f.path} ${f.status}${f.reason ? `: ${f.reason}` : ""}`;

async function runWith(cwd: string, jobs: number, extra: Partial<RunOptions> = {}): Promise<{ result: RunResult; progress: [number, number][] }> {
  const progress: [number, number][] = [];
  const result = await run({ paths: ["."], cwd, mode: "dry-run", jobs, onProgress: (done, total) => progress.push([done, total]), ...extra });
  return { result, progress };
}

describe("--jobs: tsconfig groups on worker threads", () => {
  // One repository and its sequential run for the file (the runs only read it).
  let cwd: string;
  let one: Awaited<ReturnType<typeof runWith>>;
  beforeAll(async () => {
    cwd = monorepo();
    one = await runWith(cwd, 1);
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("gives the sequential run's result, byte for byte, with a package reached from another, unreadable files and a broken tsconfig", async () => {
    const two = await runWith(cwd, 2);
    expect(JSON.stringify(two.result)).toBe(JSON.stringify(one.result));
    expect(two.result).toEqual(one.result);
    // What the result holds, so that two empty results do not pass.
    expect(one.result.files.map(describe_)).toEqual(EXPECTED_FILES);
    expect(one.result.errors).toEqual([{ file: "packages/e-broken/tsconfig.json", message: BROKEN_TSCONFIG }]);
    expect(one.result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(["packages/c-orders/src/events.ts:5 unknown-type", "packages/e-broken/src/events.ts:5 unknown-type"]);
    expect(one.result.entryNotes.map((n) => `${n.file}:${n.line} ${n.kind} ${n.exportName}`)).toEqual(["packages/c-orders/src/noop.ts:1 declined handler"]);
    expect(one.result.files.find((f) => f.path === "packages/a-core/src/index.ts")!.diff).toContain("-  audit(id);\n+  await audit(id);");
    expect([one.result.checker, one.result.exitCode, one.result.notes]).toEqual(["ts7", 1, []]);
    // Every file counted once (core, analysed twice, too); the workers report in batches.
    expect(one.progress.at(-1)).toEqual([10, 10]);
    expect(two.progress.at(-1)).toEqual([10, 10]);
    expect(two.progress.every(([done], i) => i === 0 || done > two.progress[i - 1]![0])).toBe(true);
  });

  it("fails the groups of a worker that crashes, with the reason, and the run goes on", async () => {
    process.env.SETTLE_TEST_WORKER_CRASH = "packages/c-orders/";
    let two: Awaited<ReturnType<typeof runWith>>;
    try {
      two = await runWith(cwd, 2);
    } finally {
      delete process.env.SETTLE_TEST_WORKER_CRASH;
    }
    const crashed = "analysis failed: the worker thread analysing it stopped (crashing on purpose (SETTLE_TEST_WORKER_CRASH=packages/c-orders/))";
    expect(two.result.files.map(describe_)).toEqual(
      EXPECTED_FILES.map((line) => (line.startsWith("packages/c-orders/") ? `${line.split(" ")[0]} failed: ${crashed}` : line)),
    );
    // The other groups' results are the sequential run's.
    const others = (r: RunResult) => r.files.filter((f) => !f.path.startsWith("packages/c-orders/"));
    expect(others(two.result)).toEqual(others(one.result));
    expect(two.result.findings.map((f) => f.file)).toEqual(["packages/e-broken/src/events.ts"]);
    expect(two.result.entryNotes).toEqual([]);
    expect(two.result.errors).toEqual(one.result.errors);
    expect(two.result.exitCode).toBe(1);
    expect(two.progress.at(-1)).toEqual([10, 10]);
  });

  it("an interrupted run skips the groups not analysed yet, as the sequential run does", async () => {
    const controller = new AbortController();
    controller.abort();
    const before = await runWith(cwd, 1, { signal: controller.signal });
    expect((await runWith(cwd, 2, { signal: controller.signal })).result).toEqual(before.result);
    expect(before.result.interrupted).toBe(true);
    expect(before.result.files.filter((f) => f.reason === "interrupted before analysis")).toHaveLength(10);
    // Interrupted at the first progress: the worker has the largest part (orders), this thread the
    // smallest (legacy), whose analysis reports first; the parts not given out yet are skipped, the
    // others are as in the whole run.
    const during = new AbortController();
    const { result } = await runWith(cwd, 2, { signal: during.signal, onProgress: () => during.abort() });
    expect([result.interrupted, result.exitCode]).toEqual([true, 1]);
    const skipped = result.files.filter((f) => f.reason === "interrupted before analysis").map((f) => f.path);
    expect(skipped).toEqual(expect.arrayContaining(["packages/a-core/src/index.ts", "packages/b-api/src/handler.ts", "packages/e-broken/src/events.ts", "packages/e-broken/src/h.ts"]));
    expect(skipped).not.toContain("packages/d-legacy/index.js");
    for (const file of result.files) if (!skipped.includes(file.path)) expect(file).toEqual(one.result.files.find((f) => f.path === file.path));
  });

  it("analyses two parts again, together, when one reaches into the other through a file outside the run", async () => {
    // api imports shared/ (not given), which imports core: no import links api to core, so they are two
    // parts, but api's handler reaches core's audit through shared's track.
    const dir = tempDir({
      "a-core/tsconfig.json": TSCONFIG,
      "a-core/src/lib.ts": "async function store(id: string): Promise<void> {}\nexport async function audit(id: string): Promise<void> {\n  store(id);\n}\n",
      "b-api/tsconfig.json": TSCONFIG,
      "b-api/src/handler.ts": 'import { track } from "../../shared/util.js";\nexport const handler = async (event: { id: string }) => {\n  await track(event.id);\n};\n',
      "c-jobs/tsconfig.json": TSCONFIG,
      "c-jobs/src/h.ts": "async function later(): Promise<void> {}\nexport const handler = async (event: unknown) => {\n  later();\n};\n",
      "shared/util.ts": 'import { audit } from "../a-core/src/lib.js";\nexport async function track(id: string): Promise<void> {\n  await audit(id);\n}\n',
    });
    const paths = ["a-core", "b-api", "c-jobs"];
    const { files } = await discoverFiles(paths, { cwd: dir });
    expect(partsOf(groupByTsconfig(files)).map((p) => p.groups)).toEqual([[0], [1], [2]]);
    const sequential = await run({ paths, cwd: dir, mode: "dry-run", jobs: 1 });
    const parallel = await run({ paths, cwd: dir, mode: "dry-run", jobs: 2 });
    expect(parallel).toEqual(sequential);
    expect(sequential.files.map((f) => `${f.path} ${f.status}`)).toEqual(["a-core/src/lib.ts changed", "b-api/src/handler.ts unchanged", "c-jobs/src/h.ts changed"]);
    expect(sequential.files[0]!.diff).toContain("-  store(id);\n+  await store(id);");
    expect(sequential.notes).toEqual([
      "handlers reach functions in 1 file settle was not given (outside the paths, or ignored), not rewritten: shared/util.ts (run settle over them too)",
    ]);
  });

  it("writes in the main thread after the analysis: the files on disk are rewritten", async () => {
    const files = {
      "a/tsconfig.json": TSCONFIG,
      "a/handler.ts": "async function save(id: string): Promise<void> {}\nexport const handler = async (event: { id: string }) => {\n  save(event.id);\n};\n",
      "b/index.js": "\uFEFFasync function ping() {}\nexports.handler = async (event) => {\n  ping();\n};\n",
    };
    const cwd = tempDir(files);
    const result = await run({ paths: ["."], cwd, mode: "write", force: true, jobs: 2 });
    expect(result.files.map((f) => `${f.path} ${f.status} ${f.written}`)).toEqual(["a/handler.ts changed true", "b/index.js changed true"]);
    expect([result.exitCode, result.errors, result.findings]).toEqual([0, [], []]);
    expect(readFileSync(path.join(cwd, "a/handler.ts"), "utf8")).toBe(
      "async function save(id: string): Promise<void> {}\nexport const handler = async (event: { id: string }) => {\n  await save(event.id);\n};\n",
    );
    // The byte-order mark kept: the bytes compared before writing crossed from the worker.
    expect(readFileSync(path.join(cwd, "b/index.js"), "utf8")).toBe("\uFEFFasync function ping() {}\nexports.handler = async (event) => {\n  await ping();\n};\n");
  });

  it("refuses --jobs that is not a whole number of at least 1", async () => {
    const cwd = tempDir({ "a.ts": "export {};\n" });
    await expect(run({ paths: ["."], cwd, mode: "dry-run", jobs: 0 })).rejects.toThrow(new UsageError("--jobs takes a whole number of at least 1 (got 0)"));
    await expect(run({ paths: ["."], cwd, mode: "dry-run", jobs: 1.5 })).rejects.toThrow(UsageError);
  });
});

describe("parts for the workers", () => {
  it("keeps groups that import each other in one part, and merges parts that reach into each other", async () => {
    const cwd = monorepo();
    made.push(cwd);
    const { files } = await discoverFiles(["."], { cwd });
    const groups = groupByTsconfig(files);
    const names = (part: { groups: number[] }) => part.groups.map((g) => path.relative(cwd, path.dirname(groups[g]!.tsconfig ?? groups[g]!.files[0]!)));
    const parts = partsOf(groups);
    expect(parts.map(names)).toEqual([["packages/a-core", "packages/b-api"], ["packages/c-orders"], ["packages/d-legacy"], ["packages/e-broken"]]);
    // A reach into another part (an import the syntactic links missed) joins them, in the groups' order.
    const record = (group: number, reaches: AnalysisRecord["reaches"]): AnalysisRecord => ({ group, outcomes: [], unanalysed: [], errors: [], notes: [], reaches });
    const eBroken = groups.findIndex((g) => g.tsconfig?.includes("e-broken"));
    const cOrders = groups.findIndex((g) => g.tsconfig?.includes("c-orders"));
    const records = new Map([[eBroken, [record(eBroken, [[groups[cOrders]!.files[0]!, "f:save"], [groups[cOrders]!.files[0]!, undefined]])]]]);
    const links = crossPartReach(groups, parts, records);
    expect(links).toEqual([[3, 1]]);
    expect(mergeParts(parts, links).map(names)).toEqual([["packages/a-core", "packages/b-api"], ["packages/c-orders", "packages/e-broken"], ["packages/d-legacy"]]);
  });

  it("a part's groups whose tsconfigs type alike share one TypeScript 7 program, never with another part's groups", async () => {
    const cwd = monorepo();
    made.push(cwd);
    const { files } = await discoverFiles(["."], { cwd });
    const groups = groupByTsconfig(files);
    const parts = partsOf(groups);
    const session = Ts7Session.start(cwd);
    if ("unavailable" in session) throw new Error(session.unavailable);
    const ctx = { selected: registry, strategy: "auto" as const, configuredExports: () => undefined, declarations: createDeclarationCache(), ts7: session, rel: (f: string) => path.relative(cwd, f) };
    try {
      const aCore = groups.findIndex((g) => g.tsconfig?.includes("a-core"));
      expect(parts[0]!.groups).toEqual([aCore, aCore + 1]);
      // b-api has a-core's options, but in a part of its own a-core shares with no one.
      const alone = analysePart(ctx, groups, { groups: [aCore] }, () => false, () => {});
      expect(session.sharingGroups).toBe(0);
      // b-api imports a-core's package: one part, one program for both.
      const together = analysePart(ctx, groups, parts[0]!, () => false, () => {});
      expect(session.sharingGroups).toBe(2);
      // Analysed again once b-api's handler reaches it: the last analysis holds what b-api reaches.
      const core = (records: AnalysisRecord[]) => records.filter((r) => r.group === aCore).at(-1)!.result!.files[0]!.text;
      expect(core(alone)).not.toContain("await audit(id)");
      expect(core(together)).toContain("  await audit(id);\n");
    } finally {
      session.close();
    }
  });

  it("defaults to 1 job on 2 cores, else one per core within free memory and the number of parts", () => {
    const GB = 2 ** 30;
    expect(defaultJobs(() => [1000, 1000, 1000], 2, 64 * GB)).toBe(1);
    expect(defaultJobs(() => [1000], 8, 64 * GB)).toBe(1);
    expect(defaultJobs(() => [1000, 500, 10], 8, 64 * GB)).toBe(3);
    expect(defaultJobs(() => Array(16).fill(100), 8, 64 * GB)).toBe(8);
    // 300 MB + 0.5 MB per file of the largest part: 800 MB each at 1,000 files.
    expect(defaultJobs(() => Array(16).fill(1000), 8, 4 * GB)).toBe(5);
    expect(defaultJobs(() => Array(16).fill(1000), 8, 0.5 * GB)).toBe(1);
  });
});
