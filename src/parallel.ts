import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { analyseGroup, planPrograms, type GroupAnalysis, type GroupContext } from "./analyse-group.js";
import type { Strategy } from "./define-transform.js";
import type { EntryNoteAt } from "./engine.js";
import { CrossReach } from "./cross-reach.js";
import type { FileStatus } from "./run.js";
import type { ProjectGroup } from "./project.js";
import { importLinks, linkedParts } from "./shard.js";

/**
 * `--jobs <n>`: tsconfig groups analysed by the main thread and n - 1 worker threads, each with its own
 * ts-morph Projects and its own TypeScript 7 session (or TypeScript 6's checker). Groups that import
 * each other form a part (shard.ts' linkedParts): reach across tsconfig boundaries (cross-reach.ts)
 * stays inside a part, so an analyst takes a whole part in group order exactly as the sequential loop
 * would, re-analysing a group that another of the part reaches into. It records each analysis (its outcomes,
 * entry notes, reach) in order; the main thread then replays the records through one CrossReach
 * over all the groups, in the order the sequential loop would have analysed them, so the result is
 * the sequential run's whatever order the workers finish in. A reach into a group of another part
 * (imports the syntactic links missed) merges the two parts and analyses them again, together.
 */

/** One analysis of a group, as a worker recorded it. */
export interface AnalysisRecord {
  /** The group's index in the run's groups. */
  group: number;
  /** The run was interrupted before this analysis started. */
  interrupted?: true;
  outcomes: [file: string, status: FileStatus, reason: string | undefined][];
  unanalysed: string[];
  errors: { file: string; message: string }[];
  notes: EntryNoteAt[];
  reaches: [file: string, key: string | undefined][];
  result?: GroupAnalysis;
}

/** The groups a worker analyses together (indices into the run's groups, in the run's order). */
export interface Part {
  groups: number[];
}

/**
 * Analyse a part's groups in order, as the sequential loop does, with a CrossReach of the part's own:
 * the records of every analysis, in the order they ran.
 */
export function analysePart(
  ctx: GroupContext,
  groups: readonly ProjectGroup[],
  part: Part,
  interrupted: () => boolean,
  progress: (units: number) => void,
): AnalysisRecord[] {
  const mine = part.groups.map((i) => groups[i]!);
  // The part's groups whose tsconfigs type alike share one program of the native compiler: at most the
  // part's files, which the jobs rule's memory estimate counts (never another part's groups).
  planPrograms(ctx.ts7, mine);
  const crossReach = new CrossReach(mine);
  const analysed = new Set<ProjectGroup>();
  const records: AnalysisRecord[] = [];
  for (let group = crossReach.next(); group; group = crossReach.next()) {
    const index = groups.indexOf(group);
    const again = analysed.has(group);
    const record: AnalysisRecord = { group: index, outcomes: [], unanalysed: [], errors: [], notes: [], reaches: [] };
    records.push(record);
    if (interrupted()) {
      record.interrupted = true;
      continue;
    }
    analysed.add(group);
    const from = group;
    record.result = analyseGroup(ctx, group, {
      again,
      settleOutcome: (file, status, reason) => record.outcomes.push([file, status, reason]),
      unanalysed: (file) => record.unanalysed.push(file),
      error: (error) => record.errors.push(error),
      onEntryNote: (note) => record.notes.push({ ...note, file: ctx.rel(note.file) }),
      reachedFrom: (file) => crossReach.reachedIn(file),
      onReachOutside: (file, key) => {
        record.reaches.push([file, key]);
        crossReach.reached(from, file, key);
      },
      progress,
    });
  }
  return records;
}

/** What the main thread does with each analysis, in the sequential loop's order. */
export interface ReplaySink {
  settleOutcome: (file: string, status: FileStatus, reason?: string) => void;
  unanalysed: (file: string) => void;
  error: (error: { file: string; message: string }) => void;
  entryNote: (note: EntryNoteAt) => void;
  analysed: (group: ProjectGroup, analysis: GroupAnalysis) => void;
  interrupted: () => void;
}

/**
 * Replay the parts' records in the sequential loop's order through `crossReach` (over all the groups):
 * a group's k-th analysis in the replay is its k-th record. A group without records was never
 * analysed: its part's worker crashed (`failed` says why) or the run was interrupted first.
 */
export function replay(
  groups: readonly ProjectGroup[],
  crossReach: CrossReach,
  records: ReadonlyMap<number, AnalysisRecord[]>,
  failed: ReadonlyMap<number, string>,
  sink: ReplaySink,
): void {
  const seen = new Map<ProjectGroup, number>();
  for (let group = crossReach.next(); group; group = crossReach.next()) {
    const index = groups.indexOf(group);
    const k = seen.get(group) ?? 0;
    seen.set(group, k + 1);
    const again = k > 0;
    const record = records.get(index)?.[k];
    if (!record || record.interrupted || !record.result) {
      const reason = failed.get(index);
      if (reason === undefined) sink.interrupted();
      // Its earlier analysis stands, without what other packages reach in it.
      if (again) continue;
      for (const file of group.files) sink.settleOutcome(file, reason === undefined ? "skipped" : "failed", reason ?? "interrupted before analysis");
      continue;
    }
    for (const [file, status, reason] of record.outcomes) sink.settleOutcome(file, status, reason);
    for (const file of record.unanalysed) sink.unanalysed(file);
    if (!again) for (const error of record.errors) sink.error(error);
    for (const note of record.notes) sink.entryNote(note);
    for (const [file, key] of record.reaches) crossReach.reached(group, file, key);
    sink.analysed(group, record.result);
  }
}

/** Parts (by index) whose records reach into a group of another part: [from part, into part]. */
export function crossPartReach(groups: readonly ProjectGroup[], parts: readonly Part[], records: ReadonlyMap<number, AnalysisRecord[]>): Array<[number, number]> {
  const partOf = new Map<number, number>();
  parts.forEach((p, i) => p.groups.forEach((g) => partOf.set(g, i)));
  const owners = new CrossReach(groups);
  const found: Array<[number, number]> = [];
  for (const [group, list] of records) {
    for (const record of list) {
      for (const [file, key] of record.reaches) {
        if (key === undefined) continue;
        const owner = owners.ownerOf(file);
        if (!owner) continue;
        const from = partOf.get(group)!;
        const into = partOf.get(groups.indexOf(owner))!;
        if (from !== into) found.push([from, into]);
      }
    }
  }
  return found;
}

/** What each worker is started with (structured-cloned). */
export interface WorkerSetup {
  cwd: string;
  transforms: string[];
  strategy: Strategy;
  /** ts6, or ts7 when the main thread found its binary usable. */
  checker: "ts6" | "ts7";
  groups: ProjectGroup[];
  modules: ReadonlyMap<string, Set<string>>;
  /** Int32Array[0] = 1 once the run is interrupted. */
  abort: SharedArrayBuffer;
  /** Tests: a worker given a part with a file whose path contains this crashes (SETTLE_TEST_WORKER_CRASH). */
  crashOn?: string;
}

export type WorkerMessage =
  | { type: "progress"; id: number; units: number }
  | { type: "done"; id: number; records: AnalysisRecord[]; ts7Failure?: string }
  | { type: "closed" };

export interface PoolResult {
  records: Map<number, AnalysisRecord[]>;
  /** Groups of parts whose worker crashed, with the reason. */
  failed: Map<number, string>;
  /** Why a worker's TypeScript 7 compiler did not start (the first, in part order). */
  ts7Failure?: string;
}

/**
 * The compiled worker: next to this module in dist, or dist's when this runs from source (tests);
 * undefined when there is none (the source without a build), and the run analyses in one thread.
 */
export function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const beside = path.join(path.dirname(here), "group-worker.js");
  if (existsSync(beside)) return beside;
  const built = path.resolve(path.dirname(here), "..", "dist", "src", "group-worker.js");
  return existsSync(built) ? built : undefined;
}

/** The main thread's own analysis of a part (analysePart with its context). */
export type LocalAnalysis = (part: Part, interrupted: () => boolean, progress: (units: number) => void) => AnalysisRecord[];

/**
 * Analyse the parts with `jobs` analysts: the main thread (`local`) and `jobs - 1` worker threads. The
 * workers take the largest parts first, the main thread the smallest, one at a time, and between two
 * it lets the workers' messages in (it cannot hand out parts while it analyses). `progress` gets the
 * file steps done. A worker that crashes fails its part's groups; the next parts go to a new worker.
 */
export async function analyseInWorkers(
  setup: Omit<WorkerSetup, "abort">,
  parts: readonly Part[],
  jobs: number,
  signal: AbortSignal | undefined,
  progress: (units: number) => void,
  local?: LocalAnalysis,
): Promise<PoolResult> {
  const abort = new SharedArrayBuffer(4);
  const flag = new Int32Array(abort);
  const onAbort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort);
  const aborted = () => Atomics.load(flag, 0) === 1;
  const file = workerFile()!;
  const size = (p: Part) => p.groups.reduce((n, g) => n + setup.groups[g]!.files.length, 0);
  const order = parts.map((_, i) => i).sort((a, b) => size(parts[b]!) - size(parts[a]!) || a - b);
  const records = new Map<number, AnalysisRecord[]>();
  const failed = new Map<number, string>();
  const ts7Failures = new Map<number, string>();
  const passes = setup.transforms.length + 1;
  const received = new Map<number, number>();
  const keep = (list: AnalysisRecord[]) => {
    for (const record of list) records.set(record.group, [...(records.get(record.group) ?? []), record]);
  };
  // Workers take order[next++], the main thread order[--last]: each part once.
  let next = 0;
  let last = order.length;
  const workers = new Set<Worker>();
  try {
    const workersDone = new Promise<void>((resolve) => {
      let live = 0;
      const start = () => {
        live++;
        const worker = new Worker(file, { workerData: { ...setup, abort } satisfies WorkerSetup });
        workers.add(worker);
        let current: number | undefined;
        let ended = false;
        const give = () => {
          if (next < last && !aborted()) {
            current = order[next++]!;
            worker.postMessage({ type: "part", id: current, part: parts[current] });
          } else {
            current = undefined;
            worker.postMessage({ type: "close" });
          }
        };
        const end = (reason: string | undefined) => {
          if (ended) return;
          ended = true;
          workers.delete(worker);
          live--;
          if (current !== undefined && reason !== undefined) {
            for (const g of parts[current]!.groups) failed.set(g, `analysis failed: the worker thread analysing it stopped (${reason})`);
            // Its files count as done (they failed), as a group whose analysis fails does.
            const rest = size(parts[current]!) * passes - (received.get(current) ?? 0);
            if (rest > 0) progress(rest);
            current = undefined;
            // The remaining parts go to a new worker.
            if (next < last && !aborted()) start();
          }
          if (live === 0) resolve();
        };
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "progress") {
            received.set(message.id, (received.get(message.id) ?? 0) + message.units);
            progress(message.units);
          } else if (message.type === "done") {
            for (const record of message.records) {
              if (record.result) for (const f of record.result.files) f.original = Buffer.from(f.original.buffer, f.original.byteOffset, f.original.byteLength);
            }
            keep(message.records);
            if (message.ts7Failure !== undefined) ts7Failures.set(message.id, message.ts7Failure);
            give();
          }
        });
        worker.on("error", (error) => end(error instanceof Error ? error.message.split("\n")[0] : String(error)));
        worker.on("exit", (code) => end(current === undefined ? undefined : `exit code ${code}`));
        give();
      };
      // Interrupted before any analysis: no worker is started. The main thread keeps at least one part.
      const count = aborted() ? 0 : Math.max(local ? 0 : 1, Math.min(local ? jobs - 1 : jobs, order.length - (local ? 1 : 0)));
      if (count === 0) resolve();
      for (let i = 0; i < count; i++) start();
    });
    const yieldToWorkers = () => new Promise<void>((resolve) => setImmediate(resolve));
    if (local) {
      await yieldToWorkers();
      while (next < last && !aborted()) {
        keep(local(parts[order[--last]!]!, aborted, progress));
        await yieldToWorkers();
      }
    }
    await workersDone;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Only when the main thread's own analysis threw: the run fails, as it would in one thread.
    for (const worker of workers) void worker.terminate();
  }
  const firstFailure = [...ts7Failures].sort(([a], [b]) => Math.min(...parts[a]!.groups) - Math.min(...parts[b]!.groups))[0]?.[1];
  return { records, failed, ...(firstFailure !== undefined ? { ts7Failure: firstFailure } : {}) };
}

/** Roughly what one worker holds: its own lib and @types files and TypeScript 7 process, and a part's program. */
export function estimateWorkerBytes(partFiles: number): number {
  return 300 * 2 ** 20 + partFiles * 0.5 * 2 ** 20;
}

/**
 * The default for `--jobs`: one analyst (this thread, then workers) per core, no more than free memory holds (by the largest
 * part's estimate) nor than there are parts; 1 (the sequential loop, no worker) on 2 cores or fewer.
 */
export function defaultJobs(sizes: () => readonly number[], cores = os.availableParallelism(), free = os.freemem()): number {
  if (cores <= 2) return 1;
  const partSizes = sizes();
  if (partSizes.length < 2) return 1;
  const largest = Math.max(...partSizes);
  const byMemory = Math.floor(free / estimateWorkerBytes(largest));
  return Math.max(1, Math.min(cores, byMemory, partSizes.length));
}

/** The groups as parts for the workers: groups that import each other together (shard.ts' links). */
export function partsOf(groups: readonly ProjectGroup[]): Part[] {
  const index = new Map(groups.map((g, i) => [g, i]));
  return linkedParts(groups, importLinks(groups)).map((part) => ({ groups: part.map((g) => index.get(g)!) }));
}

/** Parts joined where one reaches into another (union-find), each part's groups in the run's order. */
export function mergeParts(parts: readonly Part[], links: ReadonlyArray<readonly [number, number]>): Part[] {
  if (links.length === 0) return [...parts];
  const parent = parts.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [a, b] of links) parent[root(a)] = root(b);
  const merged = new Map<number, number[]>();
  parts.forEach((p, i) => merged.set(root(i), [...(merged.get(root(i)) ?? []), ...p.groups]));
  return [...merged.values()].map((g) => ({ groups: g.sort((a, b) => a - b) }));
}
