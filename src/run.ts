import path from "node:path";
import { closest } from "fastest-levenshtein";
import { ts } from "ts-morph";
import type { Finding, Strategy, Transform } from "./define-transform.js";
import { unifiedDiff } from "./diff.js";
import { discoverFiles, DEFAULT_IGNORES, MissingPathError } from "./discover.js";
import type { EntryNoteAt } from "./engine.js";
import { ConcurrentChangeError, describeError, oneLine, writeIfUnchanged } from "./fs.js";
import { createGitGuard } from "./git.js";
import { readHandlerRefs } from "./handlers/config-refs.js";
import { CrossReach } from "./cross-reach.js";
import { createDeclarationCache, groupByTsconfig, type DeclarationCache, type ProjectGroup } from "./project.js";
import { encodeSource } from "./source-text.js";
import { findTypeGaps, type TypeGap } from "./type-gaps.js";
import { transforms as registry } from "../transforms/index.js";
import type { CheckerBackend } from "./types/oracle.js";
import { Ts7Session } from "./types/ts7.js";
import { groupsOfShard, type Shard } from "./shard.js";
import { analyseGroup, planPrograms, UnusableTsconfig, type AnalysedFile, type GroupAnalysis, type GroupContext } from "./analyse-group.js";
import { analysePart, analyseInWorkers, crossPartReach, defaultJobs, mergeParts, partsOf, replay, workerFile, type AnalysisRecord, type Part } from "./parallel.js";

export type RunMode = "write" | "dry-run" | "check";
export const STRATEGIES: readonly Strategy[] = ["auto", "await", "defer"];
export const CHECKERS: readonly CheckerBackend[] = ["ts7", "ts6"];

/** Everything a run needs; the CLI builds this from argv. */
export interface RunOptions {
  paths: string[];
  cwd?: string;
  /** Transform ids, run in registry order (default: all). */
  transforms?: string[];
  mode: RunMode;
  strategy?: Strategy;
  tsconfig?: string;
  ignore?: string[];
  /**
   * Which compiler answers the type questions: TypeScript 7's native checker (the default where its
   * binary runs) or TypeScript 6's through ts-morph. ts7 falls back to ts6, with a note, when the
   * native compiler cannot start.
   */
  checker?: CheckerBackend;
  /** Write files that have uncommitted changes (or are not in git). */
  force?: boolean;
  /** Aborting stops before the next write; files already written stay complete. */
  signal?: AbortSignal;
  /** Files done of total in the phase: analysing every file, then (write mode) writing the changed ones. */
  onProgress?: (done: number, total: number, phase?: "analysing" | "writing") => void;
  /** Called once in write mode when the analysis is done and writing begins. */
  onWritePhase?: () => void;
  /**
   * Lib and node_modules declaration files parsed by earlier runs of this process, shared with this
   * one (a program that runs settle many times, like the fixture suite); each run has its own otherwise.
   */
  declarations?: DeclarationCache;
  /**
   * A TypeScript 7 session kept by the caller across runs (the fixture suite: one compiler process per
   * test worker instead of one per run); the run uses it when the checker is ts7 and never closes it.
   */
  ts7Session?: Ts7Session;
  /**
   * Analyse only this shard of the tsconfig groups (`--shard i/n`): groups that import each other stay
   * together, shards are balanced by file count; the result lists only the shard's files. Files that no
   * group analyses (skipped or unreadable while discovering) and deployment-config errors are shard 1's.
   */
  shard?: Shard;
  /**
   * Tsconfig groups analysed at once (`--jobs`): this thread and jobs - 1 worker threads; 1 analyses them
   * one after the other in this thread. Default: one per core, as many as free memory holds by an estimate from the largest
   * part's file count, never more than the parts (groups that import each other) — and 1 on 2 cores or
   * fewer, or when the caller shares `ts7Session` or `declarations` (which live in this thread).
   */
  jobs?: number;
}

export type FileStatus = "changed" | "unchanged" | "skipped" | "failed";

export interface FileOutcome {
  /** Relative to cwd, with forward slashes. */
  path: string;
  status: FileStatus;
  /** For skipped and failed files. */
  reason?: string;
  /** Transforms that changed the file. */
  transforms: string[];
  /** Whether the new text is on disk. */
  written: boolean;
  diff?: string;
}

export interface RunResult {
  mode: RunMode;
  transforms: string[];
  files: FileOutcome[];
  findings: Finding[];
  /** Problems that are not one source file's: tsconfigs, deployment configs. */
  errors: { file: string; message: string }[];
  /**
   * Exports that look like entry points but were not treated as one ("declined"), or were only
   * through something settle does not know ("followed"), with the reason (listed by --verbose).
   */
  entryNotes: EntryNoteAt[];
  /** Why types are unknown (packages without node_modules or types): said once, before the findings. */
  typeGaps: TypeGap[];
  counts: Record<FileStatus, number> & { findings: number };
  interrupted: boolean;
  /** The compiler that answered the type questions. */
  checker: CheckerBackend;
  /** One-line remarks about the run that are not problems (e.g. why TypeScript 6 answered instead of 7). */
  notes: string[];
  /** The shard this run analysed (`--shard`); absent for a whole run. */
  shard?: Shard;
  /** 0 done; 1 --check found changes or blocking findings, or a file or config could not be processed. */
  exitCode: 0 | 1;
}

/** A usage or configuration error: exit code 2, nothing was processed. */
export class UsageError extends Error {}

/** The transforms selected by id, in registry order; unknown ids are a usage error with a suggestion. */
export function selectTransforms(ids: string[] | undefined, available: readonly Transform[] = registry): Transform[] {
  if (!ids || ids.length === 0) return [...available];
  const known = available.map((t) => t.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      throw new UsageError(`unknown transform '${id}' (did you mean '${closest(id, known)}'? see --list)`);
    }
  }
  return available.filter((t) => ids.includes(t.id));
}

/** Discover, transform, and (in write mode) write; returns what happened as data. */
export async function run(options: RunOptions): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const selected = selectTransforms(options.transforms);
  const strategy = options.strategy ?? "auto";
  if (!STRATEGIES.includes(strategy)) throw new UsageError(`unknown strategy '${strategy}' (use ${STRATEGIES.join(", ")})`);
  const tsconfig = options.tsconfig ? path.resolve(cwd, options.tsconfig) : undefined;
  if (tsconfig && !ts.sys.fileExists(tsconfig)) throw new UsageError(`tsconfig not found: ${options.tsconfig}`);
  const paths = options.paths.length > 0 ? options.paths : ["."];
  const asked = options.checker ?? "ts7";
  if (!CHECKERS.includes(asked)) throw new UsageError(`unknown checker '${asked}' (use ${CHECKERS.join(", ")})`);
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new UsageError(`--jobs takes a whole number of at least 1 (got ${options.jobs})`);

  const discovery = await discoverFiles(paths, { cwd, ignore: options.ignore }).catch((error: unknown) => {
    throw error instanceof MissingPathError ? new UsageError(`${error.message} (check the spelling, or run from the repository root)`) : error;
  });
  const outcomes = new Map<string, FileOutcome>();
  const rel = (file: string) => path.relative(cwd, file).split(path.sep).join("/") || path.basename(file);
  const settleOutcome = (file: string, status: FileStatus, reason?: string) =>
    outcomes.set(file, { path: rel(file), status, reason, transforms: [], written: false });
  // In a sharded run, what belongs to no tsconfig group is shard 1's.
  const firstShard = !options.shard || options.shard.index === 1;
  if (firstShard) for (const s of discovery.skipped) settleOutcome(s.file, "skipped", s.reason);
  if (firstShard) for (const u of discovery.unreadable) settleOutcome(u.file, "failed", u.reason);
  /** Files skipped because of a limit (size, nesting): not analysed, so the exit code says so. */
  const unanalysed = new Set<string>();
  let interrupted = false;

  const refs = await readHandlerRefs(paths.map((p) => path.resolve(cwd, p)), [...DEFAULT_IGNORES, ...(options.ignore ?? [])], discovery.files);
  const errors = firstShard ? refs.problems.map((p) => ({ file: rel(p.file), message: p.message })) : [];
  const findings: Finding[] = [];
  const entryNotes = new Map<string, EntryNoteAt>();
  const tracked: AnalysedFile[] = [];
  // The lib and @types files are parsed and bound once for all the groups' Projects.
  const declarations = options.declarations ?? createDeclarationCache();
  let doneUnits = 0;
  let shownDone = 0;
  const allGroups = groupByTsconfig(discovery.files, tsconfig);
  const groups = options.shard ? groupsOfShard(allGroups, options.shard) : allGroups;
  const analysedFiles = options.shard ? groups.flatMap((g) => g.files) : discovery.files;
  const total = analysedFiles.length;
  const notes: string[] = [];
  // One native compiler process for the run; each group opens its own program in it.
  const started = asked === "ts7" && analysedFiles.length > 0 ? (options.ts7Session ?? Ts7Session.start(cwd)) : undefined;
  if (started && "unavailable" in started) notes.push(`TypeScript 7 checker unavailable (${started.unavailable}); using TypeScript 6`);
  const ts7 = started && !("unavailable" in started) ? started : undefined;

  const crossReach = new CrossReach(groups);
  /** Each group's findings and files, from its last analysis (a group reached from another is analysed again). */
  const analysed = new Map<ProjectGroup, GroupAnalysis>();
  const passes = selected.length + 1;
  const progress = (weight: number) => {
    doneUnits += weight;
    const shown = Math.floor(doneUnits / passes);
    if (shown > shownDone) options.onProgress?.((shownDone = shown), total);
  };
  const entryNote = (note: EntryNoteAt) => entryNotes.set(`${note.file}:${note.line}:${note.column}:${note.exportName}`, note);
  const context: GroupContext = {
    selected, strategy, configuredExports: refs.exportsFor, declarations, rel,
    ...(ts7 ? { ts7 } : {}),
    ...(tsconfig ? { explicitTsconfig: { path: tsconfig, asGiven: options.tsconfig! } } : {}),
  };
  const size = (part: Part) => part.groups.reduce((n, g) => n + groups[g]!.files.length, 0);
  // Worker threads pay off only with groups to share out; a caller's session or cache is this thread's.
  // The parts read every file's imports: only when more than one job may run.
  let linked: Part[] | undefined;
  const partsOfGroups = () => (linked ??= partsOf(groups));
  const jobs = groups.length < 2 || tsconfig ? 1
    : options.jobs ?? (options.ts7Session || options.declarations ? 1 : defaultJobs(() => partsOfGroups().map(size)));
  const parts = jobs > 1 ? partsOfGroups() : [];
  let ts7Failure: string | undefined;
  if (jobs > 1 && parts.length > 1 && workerFile()) {
    // Worker threads, each with its own Projects and compiler session, and this thread: it analyses the
    // smallest parts, schedules and merges.
    try {
      ts7Failure = await analyseGroupsInWorkers(parts, jobs);
    } finally {
      if (ts7 !== options.ts7Session) ts7?.close();
    }
  } else {
    // One thread: groups whose tsconfigs type alike share one program of the native compiler. With
    // workers only within a part (analysePart): a program of every sharing group's files in each worker
    // is a memory the jobs rule does not bound; one of a part's files is what it estimates.
    planPrograms(ts7, groups);
    try {
      for (let group = crossReach.next(); group; group = crossReach.next()) {
        const again = analysed.has(group);
        if (options.signal?.aborted) {
          interrupted = true;
          // Its earlier analysis stands, without what other packages reach in it.
          if (again) continue;
          for (const file of group.files) settleOutcome(file, "skipped", "interrupted before analysis");
          continue;
        }
        const from = group;
        try {
          analysed.set(group, analyseGroup(context, group, {
            again,
            settleOutcome,
            unanalysed: (file) => unanalysed.add(file),
            error: (error) => errors.push(error),
            // A file re-exported by several modules gets one note per place.
            onEntryNote: (note) => entryNote({ ...note, file: rel(note.file) }),
            reachedFrom: (file) => crossReach.reachedIn(file),
            onReachOutside: (file, key) => crossReach.reached(from, file, key),
            progress,
          }));
        } catch (error) {
          throw error instanceof UnusableTsconfig ? new UsageError(error.message) : error;
        }
      }
    } finally {
      if (ts7 !== options.ts7Session) ts7?.close();
    }
  }
  for (const { findings: found, files } of analysed.values()) {
    findings.push(...found);
    tracked.push(...files);
  }
  /** The worker path: analyse the parts, merge parts that reach into each other and analyse them again, replay. */
  async function analyseGroupsInWorkers(initial: Part[], jobs: number): Promise<string | undefined> {
    const setup = {
      cwd, transforms: selected.map((t) => t.id), strategy, checker: ts7 ? ("ts7" as const) : ("ts6" as const), groups, modules: refs.modules,
      ...(process.env.SETTLE_TEST_WORKER_CRASH ? { crashOn: process.env.SETTLE_TEST_WORKER_CRASH } : {}),
    };
    const records = new Map<number, AnalysisRecord[]>();
    const failed = new Map<number, string>();
    let ts7Failure: string | undefined;
    let current = initial;
    let todo = initial;
    for (let round = 0; todo.length > 0; round++) {
      // Progress counts first analyses: a part analysed again after a merge was counted in its first round.
      const pool = await analyseInWorkers(setup, todo, jobs, options.signal, round === 0 ? progress : () => {}, (part, stop, onUnits) =>
        analysePart(context, groups, part, stop, onUnits),
      );
      for (const part of todo) for (const g of part.groups) {
        records.delete(g);
        failed.delete(g);
      }
      for (const [g, list] of pool.records) records.set(g, list);
      for (const [g, reason] of pool.failed) failed.set(g, reason);
      ts7Failure ??= pool.ts7Failure;
      const merged = mergeParts(current, crossPartReach(groups, current, records));
      todo = merged.filter((p) => !current.some((c) => c.groups.join() === p.groups.join()));
      current = merged;
      if (options.signal?.aborted) break;
    }
    replay(groups, crossReach, records, failed, {
      settleOutcome,
      unanalysed: (file) => unanalysed.add(file),
      error: (error) => errors.push(error),
      entryNote,
      analysed: (group, analysis) => analysed.set(group, analysis),
      interrupted: () => (interrupted = true),
    });
    return ts7Failure;
  }

  if (crossReach.outside.size > 0) {
    const listed = [...crossReach.outside].map(rel).sort();
    notes.push(
      `handlers reach functions in ${listed.length} file${listed.length === 1 ? "" : "s"} settle was not given (outside the paths, or ignored${options.shard ? ", or in another shard" : ""}), not rewritten: ` +
        `${listed.slice(0, 3).join(", ")}${listed.length > 3 ? ", …" : ""} (run settle over them too)`,
    );
  }
  // The native compiler starts at the first type question; when it could not, TypeScript 6 answered.
  const failure = ts7Failure ?? ts7?.failure;
  if (failure) notes.push(`TypeScript 7 checker did not start (${failure}); using TypeScript 6`);
  const checker: CheckerBackend = asked === "ts7" && ((ts7 && failure === undefined) || analysedFiles.length === 0) ? "ts7" : "ts6";

  const guard = options.mode === "write" && !options.force ? createGitGuard() : undefined;
  if (options.mode === "write") options.onWritePhase?.();
  const toWrite = options.mode === "write" ? tracked.filter((f) => !f.failure && f.text !== f.originalText).length : 0;
  let writing = 0;
  for (const file of tracked) {
    const outcome: FileOutcome = { path: rel(file.path), status: "unchanged", transforms: file.changedBy, written: false };
    outcomes.set(file.path, outcome);
    if (file.failure) {
      Object.assign(outcome, { status: "failed", reason: oneLine(file.failure), transforms: [] });
      continue;
    }
    if (file.text === file.originalText) continue;
    outcome.status = "changed";
    try {
      outcome.diff = unifiedDiff(outcome.path, file.originalText, file.text);
    } catch (error) {
      Object.assign(outcome, { status: "failed", reason: `cannot diff: ${describeError(error)}`, transforms: [] });
      continue;
    }
    if (options.mode !== "write") continue;
    options.onProgress?.(writing++, toWrite, "writing");
    if (options.signal?.aborted) {
      interrupted = true;
      Object.assign(outcome, { status: "skipped", reason: "interrupted before writing" });
      continue;
    }
    try {
      const refusal = guard?.(file.path);
      if (refusal) {
        Object.assign(outcome, { status: "skipped", reason: refusal });
        continue;
      }
      await writeIfUnchanged(file.path, encodeSource(file.text, file.bom), file.original);
      outcome.written = true;
    } catch (error) {
      const message =
        error instanceof ConcurrentChangeError ? error.message
        : (error as NodeJS.ErrnoException).code === "ENOENT" ? "deleted while settle was running; not recreated"
        : `cannot write: ${describeError(error)}`;
      Object.assign(outcome, { status: "failed", reason: message });
    }
  }

  if (toWrite > 0) options.onProgress?.(toWrite, toWrite, "writing");
  const files = [...outcomes.values()].sort((a, b) => a.path.localeCompare(b.path));
  const relFindings = findings.map((f) => ({ ...f, file: rel(f.file) }));
  const counts = { changed: 0, unchanged: 0, skipped: 0, failed: 0, findings: relFindings.length };
  for (const f of files) counts[f.status]++;
  const refusedWrites = files.some((f) => f.status === "skipped" && f.transforms.length > 0);
  const problem = counts.failed > 0 || errors.length > 0 || refusedWrites || unanalysed.size > 0 || interrupted;
  // A blocking finding is code that still fails on its runtime as it is: a CI gate must not pass it.
  const blocking = relFindings.some((f) => f.blocking);
  const exitCode = problem || (options.mode === "check" && (counts.changed > 0 || blocking)) ? 1 : 0;
  const typeGaps = findTypeGaps(analysedFiles, cwd);
  return {
    mode: options.mode, transforms: selected.map((t) => t.id), files, findings: relFindings, errors, entryNotes: [...entryNotes.values()], typeGaps, counts, interrupted, checker, notes,
    ...(options.shard ? { shard: options.shard } : {}),
    exitCode,
  };
}
