/**
 * `npm run bench`: settle against `tsc --noEmit` and ESLint's type-aware `no-floating-promises` on
 * generated serverless repositories of increasing size. Each tool runs as its own process, the
 * tools interleaved (their order rotates every round), and the median of the rounds is reported:
 * wall time, CPU time (user + system) and peak RSS. Prints Markdown tables and writes the results
 * as JSON (`.bench/results.json`, and one line per run appended to `.bench/history.jsonl`).
 *
 *   npm run bench -- --sizes 200,1000,4000 --runs 3 --seed 1 --packages auto --tools settle,tsc,eslint
 *
 * With `--repo <dir>`, over a real checkout instead (dependencies installed with --ignore-scripts):
 * settle with each checker (TypeScript 7's native one, TypeScript 6's) against `tsc --noEmit` of
 * TypeScript 6 and of TypeScript 7, ESLint's type-aware no-floating-promises and oxlint's
 * (`oxlint --type-aware`, TypeScript 7 underneath), both linting the files of that tsconfig, with ratios
 * against TypeScript 6's tsc. Peak RSS counts the tool's child processes too (the native compiler runs
 * as one), sampled from /proc on Linux.
 *
 *   npm run bench -- --repo ../powertools-lambda-typescript --project tsconfig.json --runs 1
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";
import { generateRepo, type GeneratedRepo } from "./generate-repo.js";
import { BENCH_ESLINT_CONFIG, writeEslintConfig } from "./eslint-config.js";
import type { ToolUsage } from "./run-tool.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RUN_TOOL = fileURLToPath(new URL("./run-tool.js", import.meta.url));
const require = createRequire(path.join(ROOT, "package.json"));

type ToolId = "settle" | "tsc" | "eslint" | "program" | "settle-ts6" | "tsc7" | "oxlint" | "settle-j2";
const TOOL_IDS: ToolId[] = ["settle", "tsc", "eslint", "program"];
/**
 * Asked for by name only, in either mode: settle with two worker threads (`--jobs 2`), against `settle`
 * (its default jobs); over generated repositories also settle with TypeScript 6 and TypeScript 7's tsc.
 */
const OPTIONAL_TOOL_IDS: ToolId[] = ["settle-j2", "settle-ts6", "tsc7"];
/** The tools of a run over a real checkout (--repo). */
const REPO_TOOL_IDS: ToolId[] = ["settle", "settle-ts6", "tsc", "tsc7", "eslint", "oxlint"];
const TOOL_LABELS: Record<ToolId, string> = {
  settle: "settle --dry-run --json (--checker ts7)",
  "settle-ts6": "settle --dry-run --json --checker ts6",
  "settle-j2": "settle --dry-run --json --jobs 2",
  tsc: "TypeScript 6 tsc --noEmit -p",
  tsc7: "TypeScript 7 tsc --noEmit -p",
  eslint: "ESLint no-floating-promises",
  oxlint: "oxlint --type-aware no-floating-promises",
  program: "TS programs only (parse + bind)",
};

/** What a tool runs over: a folder, and the tsconfig tsc checks. */
interface BenchTarget {
  dir: string;
  tsconfig: string;
  /**
   * A real checkout's: the source files of `tsconfig` (no declaration files), which the linters lint.
   * Generated repositories have none: ESLint then lints the folder with the config written into it.
   */
  lintFiles?: string[];
}

interface Sample {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  exitCode: number;
  /** What the tool found, in its own terms. */
  result: string;
}

interface Metric {
  median: number;
  samples: number[];
}

interface ToolResult {
  tool: ToolId;
  command: string;
  wallSeconds: Metric;
  cpuSeconds: Metric;
  maxRssBytes: Metric;
  exitCodes: number[];
  result: string;
}

interface SizeResult {
  files: number;
  packages: number;
  plantedFindings: number;
  tools: Partial<Record<ToolId, ToolResult>>;
  ratios: {
    settleToTscWall?: number;
    settleToTscCpu?: number;
    settleToTscRss?: number;
    eslintToSettleWall?: number;
    /** The floor: building settle's programs alone, against tsc. */
    programToTscWall?: number;
  };
}

const USAGE = `usage: npm run bench -- [options]

  --sizes <n,n,...>   source files per generated repository (default 200,1000,4000; env BENCH_SIZES)
  --runs <n>          timed rounds per size; the median is reported (default 3; env BENCH_RUNS)
  --seed <n>          generator seed (default 1)
  --packages <n|auto> packages per repository; auto: one per 500 files (default auto)
  --tools <ids>       any of settle,tsc,eslint,program (default all; program: building settle's
                      TypeScript programs and nothing else, the floor of any type-aware run), and by
                      name only settle-ts6 (--checker ts6), tsc7 (TypeScript 7's tsc) and, in either
                      mode, settle-j2 (settle --jobs 2)
  --out <file>        JSON results (default .bench/results.json)
  --keep              keep the generated repositories (printed) instead of deleting them
  --timeout <s>       per tool run (default 900)
  --repo <dir>        a real checkout instead of generated repositories: settle (ts7, ts6) against
                      tsc --noEmit of TypeScript 6 and 7, ESLint and oxlint --type-aware with only
                      no-floating-promises over that tsconfig's files (--tools: any of
                      settle,settle-ts6,tsc,tsc7,eslint,oxlint)
  --project <file>    with --repo: the tsconfig tsc checks, relative to the checkout (default tsconfig.json)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: process.env.BENCH_SIZES ?? "200,1000,4000" },
      runs: { type: "string", default: process.env.BENCH_RUNS ?? "3" },
      seed: { type: "string", default: "1" },
      packages: { type: "string", default: "auto" },
      tools: { type: "string", default: TOOL_IDS.join(",") },
      out: { type: "string", default: path.join(ROOT, ".bench", "results.json") },
      keep: { type: "boolean", default: false },
      timeout: { type: "string", default: "900" },
      help: { type: "boolean", default: false },
      repo: { type: "string" },
      project: { type: "string", default: "tsconfig.json" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.repo) {
    const tools = values.tools === TOOL_IDS.join(",") ? REPO_TOOL_IDS : (values.tools.split(",").map((t) => t.trim()) as ToolId[]);
    const dir = path.resolve(values.repo);
    const tsconfig = path.resolve(values.repo, values.project);
    return benchRepo({ dir, tsconfig, lintFiles: existsSync(tsconfig) ? sourceFilesOf(tsconfig) : [] }, tools, Number(values.runs), Number(values.timeout) * 1000, values.out);
  }
  const sizes = values.sizes.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const tools = values.tools.split(",").map((t) => t.trim()) as ToolId[];
  const timeoutMs = Number(values.timeout) * 1000;
  const bad = tools.find((t) => !TOOL_IDS.includes(t) && !OPTIONAL_TOOL_IDS.includes(t));
  if (bad || sizes.some((s) => !Number.isInteger(s) || s < 14) || !(runs >= 1) || !Number.isFinite(seed)) {
    process.stderr.write(`bench: invalid options${bad ? ` (unknown tool ${bad})` : ""}\n${USAGE}\n`);
    return 2;
  }
  const packagesFor = (files: number) => (values.packages === "auto" ? Math.max(1, Math.round(files / 500)) : Number(values.packages));

  const machine = describeMachine();
  process.stderr.write(`bench: ${machine.cpuModel} x${machine.cpus}, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}; load ${machine.loadBefore.join(" ")}\n`);
  const workDir = mkdtempSync(path.join(realpathSync(os.tmpdir()), "settle-bench-"));
  // Ctrl-C: stop the tool that is running and remove the generated repositories.
  const stop = () => {
    running?.kill("SIGKILL");
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", stop).once("SIGTERM", stop);
  const results: SizeResult[] = [];
  try {
    for (const files of sizes) {
      const packages = packagesFor(files);
      const dir = path.join(workDir, `${files}-files`);
      const repo = generateRepo({ dir, files, seed, packages, nodeModules: path.join(ROOT, "node_modules") });
      writeEslintConfig(repo);
      process.stderr.write(`bench: ${files} files in ${packages} package(s), ${repo.plantedFindings.length} planted floating promises: ${dir}\n`);
      const samples = new Map<ToolId, Sample[]>(tools.map((t) => [t, []]));
      for (let round = 0; round < runs; round++) {
        // Rotate the order every round so no tool always runs first (cold caches) or last.
        const order = tools.map((_, i) => tools[(i + round) % tools.length]);
        for (const tool of order) {
          const sample = await runTool(tool, repo, timeoutMs);
          samples.get(tool)!.push(sample);
          process.stderr.write(
            `  round ${round + 1}/${runs} ${tool.padEnd(6)} ${sample.wallSeconds.toFixed(2)}s wall, ${sample.cpuSeconds.toFixed(2)}s CPU, ${mb(sample.maxRssBytes)} MB (${sample.result})\n`,
          );
        }
      }
      results.push(summarise(files, packages, repo, samples));
    }
  } finally {
    if (values.keep) process.stderr.write(`bench: kept ${workDir}\n`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const report = { date: new Date().toISOString(), machine: { ...machine, loadAfter: os.loadavg().map(round2) }, options: { sizes, runs, seed, packages: values.packages, tools }, results, targets: evaluateTargets(results) };
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  appendFileSync(path.join(path.dirname(values.out), "history.jsonl"), `${JSON.stringify(report)}\n`);
  process.stdout.write(formatReport(report));
  process.stderr.write(`bench: results written to ${path.relative(process.cwd(), values.out) || values.out}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Running one tool.

function commandFor(tool: ToolId, repo: BenchTarget, scratch: string): { script: string; args: string[]; stdout?: string; env?: Record<string, string> } {
  switch (tool) {
    case "settle":
      // The ESLint config is the benchmark's, not the repository's: no tool but ESLint reads it.
      return { script: path.join(ROOT, "bin", "settle.js"), args: [".", "--dry-run", "--json", "--ignore", BENCH_ESLINT_CONFIG], stdout: path.join(scratch, "settle.json") };
    case "settle-j2":
      return { script: path.join(ROOT, "bin", "settle.js"), args: [".", "--dry-run", "--json", "--jobs", "2", "--ignore", BENCH_ESLINT_CONFIG], stdout: path.join(scratch, "settle.json") };
    case "settle-ts6":
      return { script: path.join(ROOT, "bin", "settle.js"), args: [".", "--dry-run", "--json", "--checker", "ts6", "--ignore", BENCH_ESLINT_CONFIG], stdout: path.join(scratch, "settle.json") };
    case "tsc":
      // Not pretty: a tsconfig's `"pretty": true` colours "error TS…", and the errors are counted from the text.
      return { script: path.join(packageDir("typescript"), "lib", "tsc.js"), args: ["--noEmit", "--pretty", "false", "-p", repo.tsconfig, ...freshBuildInfo(repo.tsconfig, scratch)] };
    case "tsc7":
      // Its launcher runs the native compiler as a child process: the RSS sampling below counts it.
      return { script: path.join(packageDir("typescript7", "typescript"), "lib", "tsc.js"), args: ["--noEmit", "--pretty", "false", "-p", repo.tsconfig, ...freshBuildInfo(repo.tsconfig, scratch)] };
    case "oxlint":
      // oxlint's type-aware rules run in oxlint-tsgolint (TypeScript 7 inside), found through this variable
      // outside the linted project's own node_modules; each file is typed with its nearest tsconfig.
      return {
        script: path.join(packageDir("oxlint"), "dist", "cli.js"),
        args: ["--type-aware", "-A", "all", "-D", "typescript/no-floating-promises", "--format", "json", ...(repo.lintFiles ?? ["."])],
        stdout: path.join(scratch, "oxlint.json"),
        env: { OXLINT_TSGOLINT_PATH: path.join(packageDir("oxlint-tsgolint"), "bin", "tsgolint.js") },
      };
    case "program":
      return { script: fileURLToPath(new URL("./program-floor.js", import.meta.url)), args: [repo.dir] };
    case "eslint":
      if (repo.lintFiles) {
        // A real checkout has its own lint set-up (or none): the benchmark's config lives in the scratch
        // folder and types every file with the program of the tsconfig tsc checks, as tsc does (the
        // project service's program per nearest tsconfig ran out of its 4 GB heap on Powertools).
        const config = path.join(scratch, "eslint.config.mjs");
        writeFileSync(config, repoEslintConfig(repo));
        return { script: path.join(packageDir("eslint"), "bin", "eslint.js"), args: ["--config", config, "--format", "json", "--output-file", path.join(scratch, "eslint.json"), ...repo.lintFiles] };
      }
      return {
        script: path.join(packageDir("eslint"), "bin", "eslint.js"),
        args: ["--config", path.join(repo.dir, BENCH_ESLINT_CONFIG), "--format", "json", "--output-file", path.join(scratch, "eslint.json"), "."],
      };
  }
}

/** The folder of an installed package (its "exports" may hide the bin scripts from require.resolve). */
function packageDir(name: string, packageName = name): string {
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // Its "exports" hide package.json: start from its main module.
    dir = path.dirname(require.resolve(name));
  }
  while (!isPackageRoot(dir, packageName)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${name} package (run npm ci)`);
    dir = parent;
  }
  return dir;
}

function isPackageRoot(dir: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

/** The tool process being measured, if any. */
let running: ChildProcess | undefined;

async function runTool(tool: ToolId, repo: BenchTarget, timeoutMs: number): Promise<Sample> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `settle-bench-${tool}-`));
  try {
    const usageFile = path.join(scratch, "usage.json");
    const { script, args, stdout, env } = commandFor(tool, repo, scratch);
    const stderr: Buffer[] = [];
    const out: Buffer[] = [];
    let tree: TreeUsage = { peakRssBytes: 0, descendantCpuSeconds: 0 };
    const started = process.hrtime.bigint();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [RUN_TOOL, usageFile, script, ...args], {
        cwd: repo.dir,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      running = child;
      const sampler = child.pid === undefined ? undefined : sampleTree(child.pid);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", reject);
      child.on("close", (exitCode, signal) => {
        clearTimeout(timer);
        tree = sampler?.stop() ?? tree;
        running = undefined;
        resolve(exitCode ?? (signal ? 128 : 1));
      });
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (stdout) writeFileSync(stdout, Buffer.concat(out));
    let usage: ToolUsage;
    try {
      usage = JSON.parse(readFileSync(usageFile, "utf8")) as ToolUsage;
    } catch {
      throw new Error(`${tool} exited with ${code} without reporting its resource usage:\n${Buffer.concat(stderr).toString().slice(0, 2000)}`);
    }
    const result = describeResult(tool, scratch, usage.exitCode, Buffer.concat(out).toString(), Buffer.concat(stderr).toString());
    return {
      wallSeconds,
      // The children it waited for are exact; a child it killed and never waited for (settle stops
      // TypeScript 7's compiler with SIGKILL at the end) is only in the sampled sum, short of its last
      // 200 ms at most. The larger of the two.
      cpuSeconds: usage.userSeconds + usage.systemSeconds + Math.max(usage.childCpuSeconds ?? 0, tree.descendantCpuSeconds),
      // The process's own exact peak, or the sampled peak of it and its children together when higher.
      maxRssBytes: Math.max(usage.maxRssBytes, tree.peakRssBytes),
      exitCode: usage.exitCode,
      result,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface TreeUsage {
  /** The peak of the summed RSS of the process and its descendants. */
  peakRssBytes: number;
  /** The CPU time (user + system) of the descendants, each as last sampled (a process's own, not its children's). */
  descendantCpuSeconds: number;
}

/**
 * The tool process's tree, sampled every 200 ms from /proc (Linux; elsewhere zeros, and the tool's own
 * figures stand alone): the peak of the summed RSS of the process and its descendants, and each
 * descendant's CPU time. getrusage cannot say either: a child's peak is reported apart from its
 * parent's, and a child's CPU only once it was waited for.
 */
function sampleTree(root: number): { stop(): TreeUsage } {
  if (!existsSync("/proc/self/statm")) return { stop: () => ({ peakRssBytes: 0, descendantCpuSeconds: 0 }) };
  let peak = 0;
  const cpu = new Map<number, number>();
  const sample = () => {
    const parents = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // Fields after the command name: ppid is field 4, utime and stime fields 14 and 15 (clock ticks, 100 a second).
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        parents.set(Number(entry), Number(fields[1]));
        ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
      } catch {
        // Gone meanwhile.
      }
    }
    const tree = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, ppid] of parents) if (!tree.has(pid) && tree.has(ppid)) grew = !!tree.add(pid);
    }
    let sum = 0;
    for (const pid of tree) {
      if (pid !== root) cpu.set(pid, Math.max(cpu.get(pid) ?? 0, (ticks.get(pid) ?? 0) / 100));
      try {
        sum += Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * 4096;
      } catch {
        // Gone meanwhile.
      }
    }
    peak = Math.max(peak, sum);
  };
  const timer = setInterval(sample, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakRssBytes: peak, descendantCpuSeconds: [...cpu.values()].reduce((a, b) => a + b, 0) };
    },
  };
}

/** A one-line account of what the tool found, so a run that silently did nothing stands out. */
function describeResult(tool: ToolId, scratch: string, exitCode: number, stdout: string, stderr: string): string {
  try {
    if (tool === "settle" || tool === "settle-ts6" || tool === "settle-j2") {
      const result = JSON.parse(readFileSync(path.join(scratch, "settle.json"), "utf8")) as { counts: Record<string, number>; checker?: string; notes?: string[] };
      const c = result.counts;
      const notes = result.notes?.length ? ` (${result.notes.join("; ")})` : "";
      return `${c.changed} files changed, ${c.findings} findings, ${c.failed} failed, checker ${result.checker ?? "ts6"}, exit ${exitCode}${notes}`;
    }
    if (tool === "eslint") {
      const lint = JSON.parse(readFileSync(path.join(scratch, "eslint.json"), "utf8")) as { messages: { ruleId: string | null }[] }[];
      const floating = lint.reduce((n, f) => n + f.messages.filter((m) => m.ruleId === "@typescript-eslint/no-floating-promises").length, 0);
      const other = lint.reduce((n, f) => n + f.messages.length, 0) - floating;
      return `${floating} floating promises in ${lint.filter((f) => f.messages.length > 0).length} files${other ? `, ${other} other messages` : ""}, exit ${exitCode}`;
    }
    if (tool === "oxlint") {
      const lint = JSON.parse(readFileSync(path.join(scratch, "oxlint.json"), "utf8")) as { diagnostics: { code?: string; filename?: string }[]; number_of_files: number };
      const floating = lint.diagnostics.filter((d) => d.code?.includes("no-floating-promises"));
      const other = lint.diagnostics.length - floating.length;
      return `${floating.length} floating promises in ${new Set(floating.map((d) => d.filename)).size} files (${lint.number_of_files} linted)${other ? `, ${other} other messages` : ""}, exit ${exitCode}`;
    }
    if (tool === "program") {
      const floor = JSON.parse(stdout) as { files: number; programFiles: number };
      return `${floor.programFiles} files in the programs (lib and @types included), exit ${exitCode}`;
    }
    const errors = (stdout.match(/error TS\d+/g) ?? []).length;
    return errors === 0 && exitCode === 0 ? "no type errors, exit 0" : `${errors} type errors, exit ${exitCode}`;
  } catch {
    return `exit ${exitCode}: ${stderr.trim().split("\n")[0] ?? ""}`.slice(0, 200);
  }
}

// ---------------------------------------------------------------------------------------------
// A real checkout (--repo).

/** The source files of a tsconfig (its program's root files without declaration files), as TypeScript 6 reads it. */
/**
 * For an incremental (or composite) tsconfig, a build-info file in the run's scratch folder: tsc writes
 * one beside the tsconfig even with --noEmit, and the next round would read it and check only what
 * changed (Powertools' composite root: 3 s instead of 11 s from the second round on).
 */
function freshBuildInfo(tsconfig: string, scratch: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return parsed?.options.incremental || parsed?.options.composite ? ["--tsBuildInfoFile", path.join(scratch, "tsc.tsbuildinfo")] : [];
}

function sourceFilesOf(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return (parsed?.fileNames ?? []).filter((file) => !/\.d\.[cm]?ts$/.test(file));
}

/** The benchmark's ESLint config for a real checkout: no-floating-promises only, typed with the tsconfig tsc checks. */
function repoEslintConfig(repo: BenchTarget): string {
  const tseslint = pathToFileURL(path.join(packageDir("typescript-eslint"), "dist", "index.js")).href;
  return `// Written by settle's benchmark: only the type-aware no-floating-promises rule.
import tseslint from ${JSON.stringify(tseslint)};

export default [
  {
    files: ["**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx}"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: [${JSON.stringify(repo.tsconfig)}], tsconfigRootDir: ${JSON.stringify(repo.dir)} },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
];
`;
}

async function benchRepo(target: BenchTarget, tools: ToolId[], runs: number, timeoutMs: number, out: string): Promise<number> {
  const bad = tools.find((t) => !REPO_TOOL_IDS.includes(t) && !OPTIONAL_TOOL_IDS.includes(t));
  if (bad || !(runs >= 1) || !existsSync(target.dir) || !existsSync(target.tsconfig)) {
    process.stderr.write(`bench: invalid --repo options${bad ? ` (unknown tool ${bad})` : ""}: ${target.dir}, ${target.tsconfig}\n${USAGE}\n`);
    return 2;
  }
  const machine = describeMachine();
  process.stderr.write(`bench: ${machine.cpuModel} x${machine.cpus}, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}; load ${machine.loadBefore.join(" ")}\n`);
  process.stderr.write(`bench: ${target.dir} (tsc -p ${path.relative(target.dir, target.tsconfig)})\n`);
  const samples = new Map<ToolId, Sample[]>(tools.map((t) => [t, []]));
  for (let round = 0; round < runs; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length]);
    for (const tool of order) {
      const sample = await runTool(tool, target, timeoutMs);
      samples.get(tool)!.push(sample);
      process.stderr.write(`  round ${round + 1}/${runs} ${tool.padEnd(10)} ${sample.wallSeconds.toFixed(2)}s wall, ${sample.cpuSeconds.toFixed(2)}s CPU, ${mb(sample.maxRssBytes)} MB (${sample.result})\n`);
    }
  }
  const medians = [...samples].map(([tool, list]) => ({
    tool,
    command: TOOL_LABELS[tool],
    wallSeconds: metric(list.map((s) => s.wallSeconds)),
    cpuSeconds: metric(list.map((s) => s.cpuSeconds)),
    maxRssBytes: metric(list.map((s) => s.maxRssBytes)),
    exitCodes: list.map((s) => s.exitCode),
    result: list[list.length - 1].result,
  }));
  const base = medians.find((m) => m.tool === "tsc");
  const report = { date: new Date().toISOString(), machine: { ...machine, loadAfter: os.loadavg().map(round2) }, repo: target, runs, tools: medians };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  appendFileSync(path.join(path.dirname(out), "history.jsonl"), `${JSON.stringify(report)}\n`);
  const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "–");
  const rows = [
    `Median of ${runs} interleaved run(s), ${report.date.slice(0, 10)}, ${machine.cpuModel} (${machine.cpus} CPUs), ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, load ${machine.loadBefore.join("/")} before, ${report.machine.loadAfter.join("/")} after. Peak RSS: all processes of the tool.`,
    "",
    "| tool | wall (s) | CPU (s) | peak RSS (MB) | wall / TS6 tsc | CPU / TS6 tsc | RSS / TS6 tsc | result |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...medians.map(
      (m) =>
        `| ${m.command} | ${m.wallSeconds.median.toFixed(2)} | ${m.cpuSeconds.median.toFixed(2)} | ${mb(m.maxRssBytes.median)} | ${ratio(m.wallSeconds.median, base?.wallSeconds.median)} | ${ratio(m.cpuSeconds.median, base?.cpuSeconds.median)} | ${ratio(m.maxRssBytes.median, base?.maxRssBytes.median)} | ${m.result} |`,
    ),
  ];
  process.stdout.write(`${rows.join("\n")}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Summaries.

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const metric = (values: number[]): Metric => ({ median: median(values), samples: values });

function summarise(files: number, packages: number, repo: GeneratedRepo, samples: Map<ToolId, Sample[]>): SizeResult {
  const tools: SizeResult["tools"] = {};
  for (const [tool, list] of samples) {
    tools[tool] = {
      tool,
      command: TOOL_LABELS[tool],
      wallSeconds: metric(list.map((s) => s.wallSeconds)),
      cpuSeconds: metric(list.map((s) => s.cpuSeconds)),
      maxRssBytes: metric(list.map((s) => s.maxRssBytes)),
      exitCodes: list.map((s) => s.exitCode),
      result: list[list.length - 1].result,
    };
  }
  const ratio = (a: ToolResult | undefined, b: ToolResult | undefined, key: "wallSeconds" | "cpuSeconds" | "maxRssBytes") =>
    a && b ? a[key].median / b[key].median : undefined;
  return {
    files,
    packages,
    plantedFindings: repo.plantedFindings.length,
    tools,
    ratios: {
      settleToTscWall: ratio(tools.settle, tools.tsc, "wallSeconds"),
      settleToTscCpu: ratio(tools.settle, tools.tsc, "cpuSeconds"),
      settleToTscRss: ratio(tools.settle, tools.tsc, "maxRssBytes"),
      eslintToSettleWall: ratio(tools.eslint, tools.settle, "wallSeconds"),
      programToTscWall: ratio(tools.program, tools.tsc, "wallSeconds"),
    },
  };
}

interface Target {
  target: string;
  files?: number;
  measured: string;
  met: boolean;
}

/** The issue's targets, for the sizes of 1,000 files and more (smaller runs are dominated by start-up). */
function evaluateTargets(results: SizeResult[]): Target[] {
  const out: Target[] = [];
  for (const r of results.filter((x) => x.files >= 1000)) {
    const { settleToTscWall, settleToTscRss, eslintToSettleWall } = r.ratios;
    if (settleToTscWall !== undefined) out.push({ target: "settle wall <= 0.5x tsc", files: r.files, measured: `${settleToTscWall.toFixed(2)}x`, met: settleToTscWall <= 0.5 });
    if (eslintToSettleWall !== undefined) out.push({ target: "settle >= 5x faster than ESLint", files: r.files, measured: `${eslintToSettleWall.toFixed(1)}x`, met: eslintToSettleWall >= 5 });
    if (settleToTscRss !== undefined) out.push({ target: "settle peak RSS <= tsc", files: r.files, measured: `${settleToTscRss.toFixed(2)}x`, met: settleToTscRss <= 1 });
  }
  const at = (n: number) => results.find((r) => r.files === n)?.tools.settle;
  const small = at(1000);
  const large = at(4000);
  if (small && large) {
    const growth = large.wallSeconds.median / small.wallSeconds.median;
    const cpuGrowth = large.cpuSeconds.median / small.cpuSeconds.median;
    out.push({ target: "settle 4,000 files <= 4.5x 1,000 files", measured: `${growth.toFixed(2)}x wall, ${cpuGrowth.toFixed(2)}x CPU`, met: growth <= 4.5 });
  }
  return out;
}

function formatReport(report: { date: string; machine: ReturnType<typeof describeMachine> & { loadAfter: number[] }; results: SizeResult[]; targets: Target[]; options: { runs: number } }): string {
  const rows = [
    `Median of ${report.options.runs} interleaved runs, ${report.date.slice(0, 10)}, ${report.machine.cpuModel} (${report.machine.cpus} CPUs), ${(report.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${report.machine.node}, load ${report.machine.loadBefore.join("/")} before, ${report.machine.loadAfter.join("/")} after.`,
    "",
    "| files | tool | wall (s) | CPU (s) | peak RSS (MB) | result |",
    "|---:|---|---:|---:|---:|---|",
  ];
  for (const r of report.results) {
    let first = true;
    for (const t of Object.values(r.tools)) {
      const label = first ? `${r.files.toLocaleString("en-US")} (${r.packages} pkg${r.packages > 1 ? "s" : ""})` : "";
      rows.push(`| ${label} | ${t.command} | ${t.wallSeconds.median.toFixed(2)} | ${t.cpuSeconds.median.toFixed(2)} | ${mb(t.maxRssBytes.median)} | ${t.result} |`);
      first = false;
    }
  }
  rows.push("", "| files | settle/tsc wall | settle/tsc CPU | settle/tsc RSS | ESLint/settle wall | programs only/tsc wall |", "|---:|---:|---:|---:|---:|---:|");
  for (const r of report.results) {
    const f = (x: number | undefined, digits = 2) => (x === undefined ? "–" : `${x.toFixed(digits)}×`);
    rows.push(`| ${r.files.toLocaleString("en-US")} | ${f(r.ratios.settleToTscWall)} | ${f(r.ratios.settleToTscCpu)} | ${f(r.ratios.settleToTscRss)} | ${f(r.ratios.eslintToSettleWall, 1)} | ${f(r.ratios.programToTscWall)} |`);
  }
  if (report.targets.length > 0) {
    rows.push("", "| target | files | measured | met |", "|---|---:|---:|---|");
    for (const t of report.targets) rows.push(`| ${t.target} | ${t.files?.toLocaleString("en-US") ?? ""} | ${t.measured} | ${t.met ? "yes" : "no"} |`);
  }
  return `${rows.join("\n")}\n`;
}

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpus: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadBefore: os.loadavg().map(round2),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20).toString();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
