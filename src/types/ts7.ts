import childProcess, { type ChildProcess, type SpawnOptions } from "node:child_process";
import { EventEmitter } from "node:events";
import { readFileSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createRequire, syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { Node, ts, type ClassDeclaration, type FunctionDeclaration, type Identifier, type MethodDeclaration, type Project } from "ts-morph";
import {
  API,
  SignatureKind,
  SymbolFlags,
  TypeFlags,
  isTypeReference,
  type Checker,
  type NodeHandle,
  type Project as Project7,
  type Signature as Signature7,
  type Snapshot,
  type Symbol as Symbol7,
  type Type as Type7,
} from "typescript7/unstable/sync";
import { SyntaxKind as Kind7, type Node as Node7, type SourceFile as SourceFile7 } from "typescript7/unstable/ast";
import { toUpdateSnapshotRequest } from "typescript7/unstable/proto";
import { INFERRED_OPTIONS } from "../project.js";
import type { FunctionLike } from "../handlers/entry-point.js";
import { CheckerFailure, emitterKindOfClass, type DeclarationRef, type EmitterKind, type Nullability, type PromiseKind, type ResultType, type TypeOracle } from "./oracle.js";
import { inProject, isLibraryPath, targetOfSymbol, unlessCheckerFails, UNKNOWN, wrapperOf, type ReachSite } from "./reach.js";
import { createTs6Oracle } from "./ts6.js";
import { BackgroundChannel } from "./ts7-background.js";
import { TRACE_TS7, Ts7Trace } from "./ts7-trace.js";

/**
 * The TypeScript 7 backend: the native compiler's checker behind its synchronous JS API (one child
 * process per run). ts-morph stays the parser and editor: a question about a ts-morph node is asked
 * about the TypeScript 7 node at the same file, range and kind. The native compiler reads settle's
 * current texts through the API's file-system callbacks, so it sees every earlier pass's edits.
 */
export class Ts7Session {
  private configs = 0;
  /** Current texts by path: the files of open groups (the ts-morph text, edits included) and the virtual tsconfigs. */
  private readonly overlay = new Map<string, () => string | undefined>();
  private api: API | undefined;
  /**
   * The last closed group's program, kept until the next group's opens: the native compiler keeps a
   * parsed file while a snapshot holds it, so the next program reuses the lib and @types files instead of
   * parsing them again (opening a small group took 300–500 ms without this, 10–50 ms with it).
   */
  private warm: WarmProgram | undefined;
  /** Why the native compiler did not start, once it was tried. */
  failure: string | undefined;
  /**
   * Programs shared by tsconfig groups whose compiler options are the same but for emit (see plan()):
   * by group tsconfig, the virtual tsconfig of their one program. A monorepo's packages and their
   * tests then share one program and its checker, instead of each building and checking the shared
   * declarations (the AWS SDK's, say) again.
   */
  private readonly sharedConfigs = new Map<string, string>();
  /** How many files each shared program has (its groups' together): what the background's threshold weighs. */
  private readonly sharedSizes = new Map<string, number>();
  /** The files of the planned groups: what the native compiler reads of them from disk is tracked too. */
  private readonly plannedFiles = new Set<string>();
  /**
   * What the native compiler last read of a file settle may hand it: the overlay's text, or the disk's
   * (its size and mtime then). A group opens with exactly the files whose text differs marked changed,
   * so a program shared with earlier groups (or kept from an earlier run, in tests) keeps its checker.
   */
  private readonly seen = new Map<string, string | { size: number; mtimeMs: number }>();
  /**
   * The worker thread that sends a group's opening request while settle parses the group's files
   * (see ts7-background.ts); null when it cannot (the channel's descriptors are not where this build
   * keeps them) or is turned off (SETTLE_TS7_PREFETCH=0, to measure without it).
   */
  private background: BackgroundChannel | null | undefined;
  /** Programs opened in the background (tests). */
  prefetches = 0;
  /** SETTLE_TRACE_TS7=1: what was asked and waited for, printed when the session closes. */
  private readonly trace = TRACE_TS7 ? new Ts7Trace() : undefined;

  private constructor(
    private readonly cwd: string,
    private readonly executable: string | undefined,
    background: boolean,
    private readonly backgroundMinFiles: number,
  ) {
    if (!background) this.background = null;
  }

  /**
   * A session that starts the native compiler at the first type question (a run without one never
   * starts it), or why it cannot run here (no binary for the platform, a client of another build).
   */
  static start(
    cwd: string,
    options: {
      /** Another native compiler binary (tests: one that fails to start). */
      executable?: string;
      /** Open programs in the background while groups parse (default: yes, unless SETTLE_TS7_PREFETCH=0). */
      background?: boolean;
      /** Only for groups of at least this many files (default BACKGROUND_MIN_FILES; tests: 1). */
      backgroundMinFiles?: number;
    } = {},
  ): Ts7Session | { unavailable: string } {
    try {
      const mismatch = options.executable ? undefined : buildMismatch();
      return mismatch ? { unavailable: mismatch } : new Ts7Session(cwd, options.executable, options.background ?? process.env.SETTLE_TS7_PREFETCH !== "0", options.backgroundMinFiles ?? BACKGROUND_MIN_FILES);
    } catch (error) {
      return { unavailable: oneLine(error) };
    }
  }

  /** The API, started on first use; undefined (and `failure` says why) when the process cannot start. */
  connect(): API | undefined {
    if (this.api || this.failure) return this.api;
    let api: API | undefined;
    const connecting = performance.now();
    try {
      api = withQuietStderr(() => new API({
        cwd: this.cwd,
        ...(this.executable ? { tsserverPath: this.executable } : {}),
        // Only readFile: the compiler asks fileExists for every module it resolves (27,000 calls on
        // Powertools, each a round trip through the pipe), and every file settle holds is on disk but
        // the virtual tsconfigs, which the compiler reads without asking whether they exist.
        fs: { readFile: this.trace ? (file) => this.tracedRead(file) : (file) => this.read(file) },
        ...(this.trace ? { collectTiming: true } : {}),
      }));
      // The first request starts the process: a binary that cannot run fails here, not in a transform.
      api.updateSnapshot({}).dispose();
      this.trace?.connected(connecting);
      // Nothing goes on the channel while a background request is in flight: the request waits for it.
      const client = clientOf(api);
      if (client) {
        for (const name of ["apiRequest", "apiRequestBinary"] as const) {
          const original = client[name].bind(client);
          const trace = this.trace;
          const channel = (client as unknown as { channel?: { lastBytesSent?: number; lastBytesReceived?: number } }).channel;
          client[name] = trace
            ? (method: string, params: unknown) => {
              this.background?.wait();
              const start = performance.now();
              const answer = original(method, params);
              trace.request(method, performance.now() - start, channel?.lastBytesSent ?? 0, channel?.lastBytesReceived ?? 0);
              return answer;
            }
            : (method: string, params: unknown) => {
              this.background?.wait();
              return original(method, params);
            };
        }
      }
      return (this.api = api);
    } catch (error) {
      try {
        api?.close();
      } catch {
        // It never started.
      }
      this.failure = oneLine(error);
      return undefined;
    }
  }

  /** Whether a question was answered, or is to be answered, by TypeScript 7 (false once it failed to start). */
  get answering(): boolean {
    return this.failure === undefined;
  }

  /**
   * An oracle for one tsconfig group: a program of exactly the group's files (a virtual tsconfig that
   * extends the group's own, as the ts-morph Project does, or the inferred options), opened lazily.
   */
  openGroup(project: Project, tsconfig: string | undefined, files: readonly string[]): Ts7Oracle {
    const shared = tsconfig ? this.sharedConfigs.get(tsconfig) : undefined;
    const config = shared ?? this.virtualConfig(tsconfig, files);
    const paths = files.map((f) => f.split(path.sep).join("/"));
    for (const file of paths) this.overlay.set(file, () => project.getSourceFile(file)?.getFullText());
    const release = () => {
      // A shared program's config stays for the groups after this one.
      if (!shared) this.overlay.delete(config);
      for (const file of paths) this.overlay.delete(file);
    };
    const handOver: HandOver = {
      take: () => {
        const warm = this.warm;
        this.warm = undefined;
        return warm;
      },
      keep: (warm) => {
        this.dropWarm();
        this.warm = warm;
      },
      keptConfig: () => this.warm?.config,
    };
    const own = new Set(paths);
    // A shared program is built for all its groups at once: it is worth the background even when the group that opens it is small.
    const programFiles = shared ? (this.sharedSizes.get(shared) ?? files.length) : files.length;
    const background: Background | undefined = this.background === null || programFiles < this.backgroundMinFiles ? undefined : {
      begin: (params) => this.beginUpdate(params, own),
      finish: (update) => this.finishUpdate(update),
      staleOwn: () => this.stale(own),
      available: () => this.background !== null && this.failure === undefined,
    };
    return new Ts7Oracle(() => this.connect(), config, () => this.stale(), release, handOver, background);
  }

  /**
   * Send updateSnapshot(params) from the worker thread, answering the compiler's reads with the texts
   * settle holds now but for the opening group's own files (read from disk: settle is parsing them, and
   * the group checks them when it takes the program); undefined when that cannot be done (nothing was
   * sent, the caller opens as before).
   */
  private beginUpdate(params: UpdateParams, own: ReadonlySet<string>): BackgroundUpdate | undefined {
    if (this.background === null) return undefined;
    const api = this.connect();
    const channel = api && this.backgroundChannel(api);
    if (!channel || channel.busy) return undefined;
    const texts = new Map<string, string>();
    for (const [file, text] of this.overlay) {
      if (own.has(file)) continue;
      const now = text();
      if (now !== undefined) texts.set(file, now);
    }
    // The group's own files are tracked even when no plan() listed them (a worker thread's groups): their stamps are checked when the group takes the program.
    const tracked = new Set([...this.plannedFiles, ...own]);
    channel.send({ method: "updateSnapshot", payload: JSON.stringify(toUpdateSnapshotRequest(params)), texts, tracked });
    this.prefetches++;
    return { params, texts };
  }

  /** The snapshot of a background update, once the worker has its answer (settle's thread waits for it here). */
  private finishUpdate(update: BackgroundUpdate): Snapshot {
    const waiting = this.trace ? performance.now() : 0;
    const answer = this.background!.take();
    if (this.trace && !answer.abandoned) this.trace.backgroundOpen(answer.ms ?? 0, performance.now() - waiting);
    // The worker never took it: send it from this thread (its reads answered by read()), and use no
    // background any more (a late worker must not take a later request for this one).
    if (answer.abandoned) {
      this.background?.close();
      this.background = null;
      return this.api!.updateSnapshot(update.params);
    }
    // What the compiler read, as read() records it on this thread.
    for (const file of answer.given) this.seen.set(file, update.texts.get(file)!);
    for (const [file, size, mtimeMs] of answer.fromDisk) this.seen.set(file, { size, mtimeMs });
    if (answer.failure !== undefined) throw new Error(answer.failure);
    const api = this.api!;
    const client = clientOf(api)!;
    const guarded = client.apiRequest;
    // The API builds its Snapshot (and its cache of trees) from the answer as if it had asked itself.
    client.apiRequest = (method: string, params: unknown) => {
      if (method !== "updateSnapshot") return guarded(method, params);
      client.apiRequest = guarded;
      return answer.payload ? JSON.parse(answer.payload) : undefined;
    };
    try {
      return api.updateSnapshot(update.params);
    } finally {
      client.apiRequest = guarded;
    }
  }

  private backgroundChannel(api: API): BackgroundChannel | undefined {
    if (this.background !== undefined) return this.background ?? undefined;
    const channel = (api as unknown as { client?: { channel?: { readFd?: unknown; writeFd?: unknown } } }).client?.channel;
    const { readFd, writeFd } = channel ?? {};
    if (typeof readFd !== "number" || typeof writeFd !== "number" || readFd < 0 || writeFd < 0 || !clientOf(api)) {
      this.background = null;
      return undefined;
    }
    try {
      return (this.background = new BackgroundChannel(readFd, writeFd));
    } catch {
      this.background = null;
      return undefined;
    }
  }

  private tracedRead(file: string): string | undefined {
    const start = performance.now();
    const text = this.read(file);
    this.trace!.readFile(performance.now() - start, text);
    return text;
  }

  private read(file: string): string | undefined {
    const text = this.overlay.get(file)?.();
    if (text !== undefined) this.seen.set(file, text);
    else if (this.plannedFiles.has(file)) this.seen.set(file, diskStamp(file) ?? { size: -1, mtimeMs: -1 });
    return text;
  }

  /** The files (of these, or all) the native compiler holds in another text than it would read now (the overlay's, or the disk's). */
  private stale(among?: ReadonlySet<string>): string[] {
    const out: string[] = [];
    const entries = among ? [...among].flatMap((file) => {
      const last = this.seen.get(file);
      return last === undefined ? [] : [[file, last] as const];
    }) : this.seen;
    for (const [file, last] of entries) {
      const now = this.overlay.get(file)?.();
      if (typeof last === "string") {
        if (now !== undefined) {
          if (now !== last) out.push(file);
        } else if (readText(file) !== last) {
          out.push(file);
        } else {
          // The disk holds what the compiler read: later groups compare its stamp, not its text.
          this.seen.set(file, diskStamp(file) ?? { size: -1, mtimeMs: -1 });
        }
        continue;
      }
      const stamp = diskStamp(file);
      if (!stamp || stamp.size !== last.size || stamp.mtimeMs !== last.mtimeMs) out.push(file);
      else if (now !== undefined) {
        if (readText(file) !== now) out.push(file);
        // The compiler read what settle holds (from disk, in a background open): compare texts while settle holds it.
        else this.seen.set(file, now);
      }
    }
    return out;
  }

  /**
   * Let tsconfig groups share one program where their compiler options are the same but for what only
   * emit reads (outDir, rootDir, composite, declaration, ...): the program of all their files, under the
   * options of the first one's tsconfig. Called once per run, before the groups open. A group whose
   * tsconfig does not parse, and the inferred options, keep a program of their own.
   */
  plan(groups: readonly { tsconfig: string | undefined; files: readonly string[] }[]): void {
    // A session kept across runs (tests, the API's ts7Session) plans each run afresh.
    this.sharedConfigs.clear();
    this.sharedSizes.clear();
    const byKey = new Map<string, { tsconfig: string; files: string[] }[]>();
    for (const group of groups) {
      const key = group.tsconfig && typeOptionsKey(group.tsconfig);
      if (!key || !group.tsconfig) continue;
      const list = byKey.get(key) ?? [];
      list.push({ tsconfig: group.tsconfig, files: [...group.files] });
      byKey.set(key, list);
    }
    for (const group of groups) for (const file of group.files) this.plannedFiles.add(file.split(path.sep).join("/"));
    for (const list of byKey.values()) {
      if (list.length < 2) continue;
      const files = [...new Set(list.flatMap((g) => g.files))].sort();
      const config = this.virtualConfig(list[0].tsconfig, files);
      this.sharedSizes.set(config, files.length);
      for (const group of list) this.sharedConfigs.set(group.tsconfig, config);
    }
  }

  /** A virtual tsconfig (read through the overlay, never written) of exactly these files: extending the group's own, or the inferred options. */
  private virtualConfig(tsconfig: string | undefined, files: readonly string[]): string {
    const dir = tsconfig ? path.dirname(tsconfig) : commonDirectory(files);
    const config = path.join(dir, `tsconfig.settle-${process.pid}-${++this.configs}.json`).split(path.sep).join("/");
    const text = JSON.stringify(
      tsconfig
        ? { extends: `./${path.basename(tsconfig)}`, compilerOptions: { allowJs: true, noEmit: true }, files, include: [] }
        : { compilerOptions: INFERRED_JSON, files, include: [] },
    );
    this.overlay.set(config, () => text);
    return config;
  }

  /** Release the kept program (its snapshot, and its files' texts here). */
  private dropWarm(): void {
    const warm = this.warm;
    this.warm = undefined;
    if (!warm) return;
    try {
      warm.snapshot.dispose();
    } catch {
      // The process is gone; nothing to release.
    } finally {
      warm.release();
    }
  }

  close(): void {
    // A request still in flight in the background (a run stopped part-way): its answer is not wanted.
    if (this.background?.busy) {
      const child = childOf(this.api);
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    this.dropWarm();
    this.background?.close();
    if (this.trace && this.api) {
      let serverMs: number | undefined;
      try {
        serverMs = this.api.getTimingInfo().totals.serverTimeMs;
      } catch {
        // The process is gone.
      }
      this.trace.print(childOf(this.api)?.pid, serverMs);
    }
    try {
      // The native compiler shares settle's stderr, and when it is stopped while it still handles a
      // request that needs no answer (a snapshot's release) it prints "context canceled" there, a
      // stray line above the summary. It holds nothing to save: stop it outright, then close the pipes.
      const child = childOf(this.api);
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      this.api?.close();
    } catch {
      // The process is gone already.
    }
  }

  /** How many of the planned groups share a program with another group (tests). */
  get sharingGroups(): number {
    return this.sharedConfigs.size;
  }

  /** The native compiler's process, while it runs (tests). */
  get process(): ChildProcess | undefined {
    return childOf(this.api);
  }
}

/**
 * The smallest group whose program is opened in the background: what it hides is at most the parse of
 * the group's files after the first entry point, a few milliseconds for a small group, while the worker
 * thread costs some 100 ms of CPU to start (over the 36 files of `examples/` the background made the run
 * slower: 0.13 s more CPU).
 */
const BACKGROUND_MIN_FILES = 50;

/** The API's client (`api.client` in the pinned typescript7 build), whose requests the session guards. */
interface ApiClient {
  apiRequest(method: string, params: unknown): unknown;
  apiRequestBinary(method: string, params: unknown): unknown;
}

/**
 * typescript7 spawns the native compiler with settle's stderr (`stdio: [pipe, pipe, inherit]`), and the compiler
 * writes there only when it is cut off: a Go panic with every goroutine's stack when settle is killed (a signal
 * during the analysis, a CI timeout) while the compiler reads a file through it ("panic: EOF"), or "context
 * canceled". settle reports a compiler that fails on its own terms, so while `make` builds the client, the
 * compiler's spawn (`<exe> --api …`) gets stderr "ignore"; every other spawn is left as it is.
 */
function withQuietStderr<T>(make: () => T): T {
  const original = childProcess.spawn;
  const quiet = ((command: string, args: readonly string[], options: SpawnOptions) =>
    original(command, args, args?.[0] === "--api" && Array.isArray(options?.stdio) && options.stdio[2] === "inherit" ? { ...options, stdio: [options.stdio[0], options.stdio[1], "ignore"] } : options)) as typeof childProcess.spawn;
  childProcess.spawn = quiet;
  syncBuiltinESMExports();
  try {
    return make();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

function clientOf(api: API | undefined): ApiClient | undefined {
  const client = (api as unknown as { client?: Partial<ApiClient> } | undefined)?.client;
  return client && typeof client.apiRequest === "function" && typeof client.apiRequestBinary === "function" ? (client as ApiClient) : undefined;
}

type UpdateParams = Parameters<API["updateSnapshot"]>[0];

/** A group's opening request sent in the background, and the texts its reads were answered from. */
interface BackgroundUpdate {
  params: UpdateParams;
  texts: Map<string, string>;
}

/** How an oracle opens its program in the background (Ts7Session.beginUpdate, finishUpdate). */
interface Background {
  begin(params: UpdateParams): BackgroundUpdate | undefined;
  finish(update: BackgroundUpdate): Snapshot;
  /** stale() among the group's own files: what changed since begin() (nothing else is edited while a group parses). */
  staleOwn(): string[];
  /** Whether begin() may send (the session's background works, the compiler did not fail to start). */
  available(): boolean;
}

/** The API's child process (`api.client.channel.child` in the pinned typescript7 build); undefined when not started or not found. */
function childOf(api: API | undefined): ChildProcess | undefined {
  const child = (api as unknown as { client?: { channel?: { child?: unknown } } } | undefined)?.client?.channel?.child;
  return child instanceof EventEmitter && typeof (child as ChildProcess).kill === "function" ? (child as ChildProcess) : undefined;
}

function diskStamp(file: string): { size: number; mtimeMs: number } | undefined {
  try {
    const stat = statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Options only emit reads: groups that differ in nothing else type their files alike. */
const EMIT_ONLY_OPTIONS = new Set([
  "configFilePath",
  "outDir",
  "outFile",
  "rootDir",
  "declarationDir",
  "composite",
  "declaration",
  "declarationMap",
  "emitDeclarationOnly",
  "sourceMap",
  "inlineSourceMap",
  "inlineSources",
  "sourceRoot",
  "mapRoot",
  "tsBuildInfoFile",
  "incremental",
  "noEmit",
  "noEmitOnError",
  "removeComments",
  "importHelpers",
  "newLine",
  "stripInternal",
  "listFiles",
  "listEmittedFiles",
  "pretty",
]);

/** The compiler options of a tsconfig (extends resolved) but for emit, as a key; undefined when it does not parse cleanly. */
function typeOptionsKey(tsconfig: string): string | undefined {
  try {
    // Only the options are compared: no directory is read for the include patterns (the groups' files are settle's; "no inputs" is ignored below).
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, { ...ts.sys, readDirectory: () => [], onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!parsed || parsed.errors.some((e) => e.category === ts.DiagnosticCategory.Error && e.code !== NO_INPUTS)) return undefined;
    const options = Object.entries(parsed.options).filter(([name]) => !EMIT_ONLY_OPTIONS.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(options);
  } catch {
    return undefined;
  }
}

/** "No inputs were found in config file": the group's files are settle's, not the tsconfig's include. */
const NO_INPUTS = 18003;

/** The inferred options of project.ts as tsconfig JSON. */
const INFERRED_JSON = {
  allowJs: INFERRED_OPTIONS.allowJs,
  checkJs: INFERRED_OPTIONS.checkJs,
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  jsx: "preserve",
  esModuleInterop: INFERRED_OPTIONS.esModuleInterop,
  resolveJsonModule: INFERRED_OPTIONS.resolveJsonModule,
  skipLibCheck: INFERRED_OPTIONS.skipLibCheck,
  noEmit: true,
};

/** The JS client and the platform binary must come from one build: their protocol is not versioned apart. */
function buildMismatch(): string | undefined {
  const require = createRequire(import.meta.url);
  const client = JSON.parse(readFileSync(require.resolve("typescript7/package.json"), "utf8")) as { version: string };
  const platform = `@typescript/typescript-${process.platform}-${process.arch}`;
  let binary: { version: string };
  try {
    binary = JSON.parse(readFileSync(createRequire(require.resolve("typescript7/package.json")).resolve(`${platform}/package.json`), "utf8"));
  } catch {
    return `no TypeScript 7 binary for ${process.platform}-${process.arch} (${platform} is not installed)`;
  }
  return binary.version === client.version ? undefined : `${platform} ${binary.version} does not match the TypeScript 7 client ${client.version}`;
}

/** A closed group's program, kept open for the next group's (see Ts7Session.warm). */
interface WarmProgram {
  snapshot: Snapshot;
  /** The virtual tsconfig of its project, closed in the request that opens the next one. */
  config: string;
  /** Forget its files' texts. */
  release: () => void;
}

/** How a group hands its program to the next one. */
interface HandOver {
  /** The kept program, now the caller's to close and release. */
  take(): WarmProgram | undefined;
  /** Keep this program until the next group opens (releasing one kept before). */
  keep(warm: WarmProgram): void;
  /** The virtual tsconfig of the kept program, if one is kept. */
  keptConfig(): string | undefined;
}

/** Candidate nodes are asked in one request per file; everything else one by one, then cached. */
interface FileTypes {
  sourceFile: SourceFile7;
  types: Map<string, Type7 | undefined>;
}

/** The TypeScript 7 answers for one group; caches live as long as the snapshot they came from. */
export class Ts7Oracle implements TypeOracle {
  readonly backend = "ts7";
  private snapshot: Snapshot | undefined;
  private project7: Project7 | undefined;
  private readonly dirty = new Set<string>();
  private files = new Map<string, FileTypes>();
  private thenables = new Map<number, boolean>();
  private arrays = new Map<number, boolean>();
  private aliases = new Map<number, Symbol7>();
  /** Which snapshot the caches and symbol keys are of. */
  private generation = 0;
  private signatures = new Map<string, readonly Signature7[]>();
  private declarations = new Map<string, FunctionLike | undefined>();
  private wraps = new WeakMap<Project, (node: ts.Node) => Node>();

  /** TypeScript 6's answers, when the native compiler does not start (a one-line note says so). */
  private fallback: TypeOracle | undefined;
  /** The opening request sent in the background (prefetch()), and the previous group's program it closes. */
  private pending: { update: BackgroundUpdate; warm: WarmProgram | undefined } | undefined;

  constructor(
    private readonly connect: () => API | undefined,
    private readonly config: string,
    /**
     * The files the native compiler holds in another text than settle's now, asked when the program
     * opens: a program kept from an earlier group (or run, in tests) re-reads exactly those.
     */
    private readonly stale: () => readonly string[],
    private readonly release: () => void,
    private readonly handOver?: HandOver,
    private readonly background?: Background,
  ) {}

  /**
   * Start opening the group's program now, in the background, so that the native compiler builds it
   * while settle parses the group's files; the first question takes it. The request is the one the first
   * question would send, but the compiler reads from disk the group files settle has not parsed yet:
   * where settle's text differs when it takes the program (a placeholder), the file is read again then.
   * Does nothing when the program is open or the background cannot be used.
   */
  prefetch(): void {
    if (!this.background || this.project7 || this.pending || this.fallback || !this.connect()) return;
    const warm = this.handOver?.take();
    // As the first question's open does (see `project`): the previous group's texts go first.
    warm?.release();
    for (const file of this.stale()) this.dirty.add(file);
    const params = this.openParams(warm);
    let update: BackgroundUpdate | undefined;
    try {
      update = this.background.begin(params);
    } catch {
      update = undefined;
    }
    if (!update) {
      // The first question opens it, closing the previous group's program then.
      this.pending = undefined;
      this.unsent = warm;
      return;
    }
    this.dirty.clear();
    this.pending = { update, warm };
  }

  /**
   * Whether prefetch() may send the opening request: not sent yet, the background can be used, and the
   * open is not one that keeps the previous group's program (a shared one: only the changed files are
   * read then, which takes a few milliseconds, not a program build worth the probe's work).
   */
  get canPrefetch(): boolean {
    return !!this.background?.available() && !this.project7 && !this.pending && !this.fallback && this.unsent === undefined && this.handOver?.keptConfig() !== this.config;
  }

  /** A previous group's program taken by a prefetch that could not be sent: the first question's open closes it. */
  private unsent: WarmProgram | undefined;

  private openParams(warm: WarmProgram | undefined): UpdateParams {
    return {
      openProjects: [this.config],
      // A group sharing the previous group's program keeps it open (and its checker's answers).
      ...(warm && warm.config !== this.config ? { closeProjects: [warm.config] } : {}),
      fileChanges: { changed: [...this.dirty] },
    };
  }

  private get api(): API {
    const api = this.connect();
    if (!api) throw new CheckerFailure("TypeScript 7 is not running");
    return api;
  }

  /** The TypeScript 6 oracle when TypeScript 7 cannot start; undefined while TypeScript 7 answers. */
  private ts6(): TypeOracle | undefined {
    if (this.fallback) return this.fallback;
    if (this.project7 || this.connect()) return undefined;
    return (this.fallback = createTs6Oracle());
  }

  promiseKindOf(expr: Node): PromiseKind {
    const ts6 = this.ts6();
    if (ts6) return ts6.promiseKindOf(expr);
    return this.ask(() => {
      const type = this.typeAt(expr);
      if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return "unknown";
      if (this.isArrayOfPromises(type)) return "promise-array";
      // A union with an array of promises among other values: awaiting it would not wait when it is the array.
      const members = type.flags & TypeFlags.Union ? membersOf(type) : [];
      if (members.some((t) => this.isArrayOfPromises(t))) {
        // `Promise<void>[] | undefined`: Promise.all would throw on the undefined, so it needs `?? []`.
        const others = members.filter((t) => !this.isArrayType(t));
        return others.every((t) => t.flags & (TypeFlags.Null | TypeFlags.Undefined)) ? "optional-promise-array" : "mixed-promise-array";
      }
      if (this.isThenable(type)) return "promise";
      return "none";
    });
  }

  isPromiseLike(expr: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isPromiseLike(expr);
    return this.ask(() => {
      const type = this.typeAt(expr);
      return !(type.flags & (TypeFlags.Any | TypeFlags.Unknown)) && this.isThenable(type);
    });
  }

  isArray(expr: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isArray(expr);
    return this.ask(() => this.isArrayType(this.typeAt(expr)));
  }

  returnsPromise(node: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.returnsPromise(node);
    return this.ask(() => {
      const checker = this.checker;
      if (Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) {
        const signature = checker.getSignatureFromDeclaration(this.node7(node));
        const returned = signature && checker.getReturnTypeOfSignature(signature);
        return !!returned && this.isThenable(returned);
      }
      return checker.getSignaturesOfType(this.typeAt(node), SignatureKind.Call).some((s) => {
        const returned = checker.getReturnTypeOfSignature(s);
        return !!returned && this.isThenable(returned);
      });
    });
  }

  baseMethodReturnsPromise(method: MethodDeclaration): boolean | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.baseMethodReturnsPromise(method);
    const cls = method.getParent();
    const heritage = Node.isClassDeclaration(cls) || Node.isClassExpression(cls) ? cls.getExtends() : undefined;
    if (!heritage) return undefined;
    return this.ask(() => {
      const checker = this.checker;
      // In an extends clause the checker gives the base class's instance type.
      const member = checker.getPropertyOfType(this.typeAt(heritage), method.getName());
      const type = member && checker.getTypeOfSymbol(member);
      if (!type) return undefined;
      return checker.getSignaturesOfType(type, SignatureKind.Call).some((s) => {
        const returned = checker.getReturnTypeOfSignature(s);
        return !!returned && this.isThenable(returned);
      });
    });
  }

  resolvesToAsyncFunction(call: Node): boolean {
    if (!Node.isCallExpression(call)) return false;
    const ts6 = this.ts6();
    if (ts6) return ts6.resolvesToAsyncFunction(call);
    return this.ask(() => {
      const handle = this.checker.getResolvedSignature(this.node7(call))?.declaration;
      // The handle says the kind and file: only a function-like outside declaration files can be `async`.
      if (!handle || !FUNCTION_KINDS.has(handle.kind) || /\.d\.[cm]?ts$/.test(handle.path)) return false;
      const declaration = handle.resolve(this.project) as (Node7 & { modifiers?: readonly Node7[] }) | undefined;
      return !!declaration?.modifiers?.some((m) => m.kind === Kind7.AsyncKeyword);
    });
  }

  refersTo(declaration: Node, name: Identifier, ids: readonly Identifier[]): boolean[] {
    const ts6 = this.ts6();
    if (ts6) return ts6.refersTo(declaration, name, ids);
    return this.ask(() => {
      const file = this.plainSourceFile(name.getSourceFile().getFilePath());
      const nodes = [name, ...ids].map((n) => locate(file, n.getPos(), n.getEnd(), kind7Of(n.getKind())));
      if (nodes.some((n) => !n)) throw new CheckerFailure("TypeScript 7 has no such identifier");
      const [symbol, ...own] = this.checker.getSymbolAtLocation(nodes as Node7[]);
      const at = { path: declaration.getSourceFile().getFilePath() as string, pos: declaration.getPos(), end: declaration.getEnd(), kind: kind7Of(declaration.getKind()) };
      return own.map((s) => {
        if (!s) return false;
        if (symbol && s.id === symbol.id) return true;
        return s.declarations.some((d) => {
          if (d.path !== at.path || d.kind !== at.kind) return false;
          const node = d.resolve(this.project);
          return !!node && node.pos === at.pos && node.end === at.end;
        });
      });
    });
  }

  isExported(declaration: FunctionDeclaration | ClassDeclaration, which: "any" | "default"): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isExported(declaration, which);
    if (which === "default" ? declaration.hasDefaultKeyword() : declaration.hasExportKeyword()) return true;
    const name = declaration.getNameNode();
    if (!name) return false;
    return this.ask(() => {
      const file = this.plainSourceFile(declaration.getSourceFile().getFilePath());
      const name7 = locate(file, name.getPos(), name.getEnd(), kind7Of(name.getKind()));
      if (!name7) throw new CheckerFailure("TypeScript 7 has no such name");
      const [own, module] = this.checker.getSymbolAtLocation([name7, file]);
      if (!own || !module) return false;
      const exports = this.checker.getExportsOfModule(module).filter((e) => which === "any" || e.name === "default");
      return exports.some((e) => e.id === own.id || (!!(e.flags & SymbolFlags.Alias) && this.aliased(e).id === own.id));
    });
  }

  /** The file's TypeScript 7 tree, without asking the types of its candidates (fileTypes does). */
  private plainSourceFile(file: string): SourceFile7 {
    // The snapshot first: after an edit it is renewed, and the trees cached from the old one go with it.
    const project = this.project;
    const entry = this.files.get(file);
    if (entry) return entry.sourceFile;
    const sourceFile = project.program.getSourceFile(file);
    if (!sourceFile) throw new CheckerFailure(`TypeScript 7 has no source file ${file}`);
    return sourceFile;
  }

  declarationsOf(node: Node, aliased: boolean): readonly DeclarationRef[] {
    const ts6 = this.ts6();
    if (ts6) return ts6.declarationsOf(node, aliased);
    return this.ask(() => {
      const file = this.plainSourceFile(node.getSourceFile().getFilePath());
      const node7 = locate(file, node.getPos(), node.getEnd(), kind7Of(node.getKind()));
      if (!node7) throw new CheckerFailure(`TypeScript 7 has no ${node.getKindName()} at ${node.getPos()}`);
      let symbol = this.checker.getSymbolAtLocation(node7);
      if (aliased && symbol && symbol.flags & SymbolFlags.Alias) {
        const target = this.aliased(symbol);
        // ts-morph's getAliasedSymbol() ?? symbol: the unknown symbol of an unresolved import has no declarations.
        symbol = this.checker.isUnknownSymbol(target) ? symbol : target;
      }
      return (symbol?.declarations ?? []).map((d) => ({
        path: d.path,
        inDeclarationFile: DECLARATION_FILE.test(d.path),
        node: () => this.morphNode(node, d),
      }));
    });
  }

  typeMemberNames(node: Node): readonly string[] | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.typeMemberNames(node);
    return this.ask(() => {
      const type = this.typeAt(node);
      if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return undefined;
      const members = type.flags & TypeFlags.Union ? membersOf(type) : [type];
      return members
        .filter((t) => !(t.flags & (TypeFlags.Null | TypeFlags.Undefined)))
        .map((t) => t.getSymbol()?.name ?? this.checker.typeToString(t, undefined, TYPE_TEXT_FLAGS));
    });
  }

  resolvedDeclaration(call: Node): Node | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.resolvedDeclaration(call);
    if (!Node.isCallExpression(call) && !Node.isNewExpression(call)) return undefined;
    return this.ask(() => {
      const handle = this.checker.getResolvedSignature(this.node7(call))?.declaration;
      if (!handle || isLibraryPath(handle.path)) return undefined;
      const node = this.morphNode(call, handle);
      const file = node?.getSourceFile();
      return file && !file.isDeclarationFile() && !file.isInNodeModules() ? node : undefined;
    });
  }

  isPromiseType(expr: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isPromiseType(expr);
    const isPromise = (type: Type7, depth: number): boolean => {
      if (type.flags & TypeFlags.Any) return true; // untyped JavaScript: the syntax already proved a promise
      if (type.flags & TypeFlags.Union) return membersOf(type).every((t) => isPromise(t, depth));
      const symbol = type.getSymbol() ?? type.getAliasSymbol();
      if (symbol?.name === "Promise") return true;
      if (depth > 20 || !type.isClassOrInterface()) return false;
      return this.checker.getBaseTypes(type).some((t) => isPromise(t, depth + 1));
    };
    return this.ask(() => isPromise(this.typeAt(expr), 0));
  }

  isUndefinedOrVoid(expr: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isUndefinedOrVoid(expr);
    return this.ask(() => !!(this.typeAt(expr).flags & (TypeFlags.Undefined | TypeFlags.Void)));
  }

  isAny(expr: Node): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.isAny(expr);
    return this.ask(() => !!(this.typeAt(expr).flags & TypeFlags.Any));
  }

  contextualPromiseResult(fn: Node): ResultType | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.contextualPromiseResult(fn);
    return this.ask(() => {
      const checker = this.checker;
      const contextual = checker.getContextualType(this.node7(fn) as never);
      const signature = contextual && checker.getSignaturesOfType(contextual, SignatureKind.Call)[0];
      const returnType = signature && checker.getReturnTypeOfSignature(signature);
      if (!returnType) return undefined;
      const promise = (returnType.flags & TypeFlags.Union ? membersOf(returnType) : [returnType]).find((t) => t.getSymbol()?.name === "Promise");
      const result = promise && typeArgumentsOf(checker, promise)[0];
      if (!result || result.flags & (TypeFlags.Any | TypeFlags.Unknown)) return undefined;
      const symbol = result.getAliasSymbol() ?? result.getSymbol();
      const plain = !!symbol && result.getAliasTypeArguments().length === 0 && typeArgumentsOf(checker, result).length === 0;
      return {
        name: plain ? symbol.name : undefined,
        declarations: plain
          ? (symbol.declarations ?? []).map((d) => ({
              path: d.path,
              inDeclarationFile: DECLARATION_FILE.test(d.path),
              inCompilerLib: /(^|[\\/])lib\.[\w.-]*\.d\.ts$/.test(d.path) && !d.path.includes("/node_modules/@types/"),
              node: () => this.morphNode(fn, d),
            }))
          : [],
        text: checker.typeToString(result, this.node7(fn), ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.NoTruncation),
      };
    });
  }

  nullability(expr: Node): Nullability {
    const ts6 = this.ts6();
    if (ts6) return ts6.nullability(expr);
    return this.ask(() => {
      const type = this.typeAt(expr);
      if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return "maybe";
      const nullish = TypeFlags.Null | TypeFlags.Undefined | TypeFlags.Void;
      if (type.flags & nullish) return "null";
      const parts = type.flags & TypeFlags.Union ? membersOf(type) : [type];
      return parts.some((t) => t.flags & (nullish | TypeFlags.Any | TypeFlags.Unknown)) ? "maybe" : "non-null";
    });
  }

  typeText(expr: Node, enclosing?: Node): string {
    const ts6 = this.ts6();
    if (ts6) return ts6.typeText(expr, enclosing);
    return this.ask(() => {
      const flags = TYPE_TEXT_FLAGS | (enclosing && Node.isTypeAliasDeclaration(enclosing) ? ts.TypeFormatFlags.InTypeAlias : 0);
      return this.checker.typeToString(this.typeAt(expr), enclosing ? this.node7(enclosing) : undefined, flags);
    });
  }

  symbolKeys(nodes: readonly Node[]): unknown[] {
    const ts6 = this.ts6();
    if (ts6) return ts6.symbolKeys(nodes);
    return this.ask(() => {
      const file = this.plainSourceFile(nodes[0].getSourceFile().getFilePath());
      const nodes7 = nodes.map((n) => locate(file, n.getPos(), n.getEnd(), kind7Of(n.getKind())));
      if (nodes7.some((n) => !n)) throw new CheckerFailure("TypeScript 7 has no such node");
      const plain = nodes7.flatMap((n, i) => (Node.isShorthandPropertyAssignment(nodes[i]) ? [] : [n!]));
      const symbols = plain.length > 0 ? this.checker.getSymbolAtLocation(plain) : [];
      let next = 0;
      return nodes7.map((n, i) => {
        const symbol = Node.isShorthandPropertyAssignment(nodes[i]) ? this.checker.getShorthandAssignmentValueSymbol(n!) : symbols[next++];
        return symbol ? `${this.generation}:${symbol.id}` : undefined;
      });
    });
  }

  emitterKindOf(expr: Node): EmitterKind | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.emitterKindOf(expr);
    const kindOf = (given: Type7, depth: number): EmitterKind | undefined => {
      if (depth > 10 || given.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.Union)) return undefined;
      const type = this.classTypeOf(given);
      const symbol = type.getSymbol();
      for (const declaration of symbol?.declarations ?? []) {
        const kind = emitterKindOfClass(symbol!.name, declaration.path);
        if (kind) return kind;
      }
      for (const base of type.isClassOrInterface() ? this.checker.getBaseTypes(type) : []) {
        const kind = kindOf(base, depth + 1);
        if (kind) return kind;
      }
      return undefined;
    };
    return this.ask(() => kindOf(this.typeAt(expr), 0));
  }

  emitterIdentity(receiver: Node): unknown {
    const ts6 = this.ts6();
    if (ts6) return ts6.emitterIdentity(receiver);
    return this.ask(() => {
      const type = this.classTypeOf(this.typeAt(receiver));
      const own = type.getSymbol();
      const library = !!own?.declarations.some((d) => d.path.includes("/node_modules/") || DECLARATION_FILE.test(d.path));
      if (!library) return own ? `${this.generation}:${own.id}` : undefined;
      const target = Node.isPropertyAccessExpression(receiver) ? receiver.getNameNode() : receiver;
      let symbol = this.checker.getSymbolAtLocation(this.node7(target));
      if (symbol && symbol.flags & SymbolFlags.Alias) symbol = this.aliased(symbol);
      return symbol ? `${this.generation}:${symbol.id}` : undefined;
    });
  }

  stringLiteralValue(expr: Node): string | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.stringLiteralValue(expr);
    return this.ask(() => {
      const type = this.typeAt(expr);
      return type.flags & TypeFlags.StringLiteral ? String((type as Type7 & { value: unknown }).value) : undefined;
    });
  }

  /** `this` inside a class, and instances of a generic class (`Bus<Events>`), as their class (ts-morph's getTargetType()). */
  private classTypeOf(type: Type7): Type7 {
    const apparent = type.flags & TypeFlags.TypeParameter ? (this.checker.getApparentType(type) ?? type) : type;
    return isTypeReference(apparent) ? apparent.getTarget() : apparent;
  }

  resolvesName(at: Node, name: string, meaning: number): boolean {
    const ts6 = this.ts6();
    if (ts6) return ts6.resolvesName(at, name, meaning);
    // TypeScript 7 numbers SymbolFlags as TypeScript 6 does.
    return this.ask(() => this.checker.resolveName(name, meaning as SymbolFlags, this.node7(at), false) !== undefined);
  }

  referencesOf(name: Node): Node[] {
    const ts6 = this.ts6();
    if (ts6) return ts6.referencesOf(name);
    return this.ask(() => {
      const entries = this.checker.getReferencedSymbolsForNode(this.node7(name), name.getStart());
      const out: Node[] = [];
      for (const entry of entries) {
        for (const handle of entry.references) {
          if (DECLARATION_FILE.test(handle.path)) continue;
          const node = this.morphNode(name, handle);
          if (node && !out.includes(node)) out.push(node);
        }
      }
      return out;
    });
  }

  typeSymbolName(node: Node): string | undefined {
    const ts6 = this.ts6();
    if (ts6) return ts6.typeSymbolName(node);
    return this.ask(() => this.typeAt(node).getSymbol()?.name);
  }

  /**
   * TypeScript 6's reach (src/types/reach.ts) asked of TypeScript 7, one batch per function body: the
   * symbols of the callees named by an identifier in one request, the types of the others in one.
   */
  reachTargets(within: Node, sites: readonly ReachSite[]): (FunctionLike | undefined)[] {
    const ts6 = this.ts6();
    if (ts6) return ts6.reachTargets(within, sites);
    const exprs = sites.map((site) => (ts.isCallExpression(site) || ts.isNewExpression(site) ? site.expression : site));
    const sourceFile = unlessCheckerFails(() => this.ask(() => this.fileTypes(within.getSourceFile().getFilePath()).sourceFile));
    if (!sourceFile) return sites.map(() => undefined);
    const nodes = exprs.map((e) => locate(sourceFile, e.pos, e.end, kind7Of(e.kind)));
    const answers: Array<FunctionLike | undefined | typeof UNKNOWN> = sites.map(() => UNKNOWN);
    const named = exprs.flatMap((e, i) => (ts.isIdentifier(e) && nodes[i] ? [i] : []));
    if (named.length > 0) {
      const symbols = unlessCheckerFails(() => this.ask(() => this.checker.getSymbolAtLocation(named.map((i) => nodes[i]!))));
      // A failed request leaves its sites unfollowed, as a TypeScript 6 failure does.
      named.forEach((site, k) => (answers[site] = symbols ? unlessCheckerFails(() => this.ask(() => this.targetByName(within, symbols[k]))) : undefined));
    }
    const typed = answers.flatMap((a, i) => (a === UNKNOWN && nodes[i] ? [i] : []));
    const types = typed.length > 0 ? unlessCheckerFails(() => this.ask(() => this.checker.getTypeAtLocation(typed.map((i) => nodes[i]!)))) : [];
    typed.forEach((site, k) => {
      const type = types?.[k];
      answers[site] = type ? unlessCheckerFails(() => this.ask(() => this.targetByType(within, sites[site], nodes[site]!, type))) : undefined;
    });
    return answers.map((a) => (a === UNKNOWN ? undefined : a));
  }

  /** reach.ts's resolveByName, from TypeScript 7's symbol. */
  private targetByName(within: Node, found: Symbol7 | undefined): FunctionLike | undefined | typeof UNKNOWN {
    let symbol = found;
    if (symbol && symbol.flags & SymbolFlags.Alias) symbol = this.aliased(symbol);
    const declarations = symbol?.declarations;
    if (!symbol || !declarations || declarations.length === 0 || symbol.flags & SymbolFlags.Transient) return UNKNOWN;
    if (declarations.every((d) => d.kind === Kind7.FunctionDeclaration && isLibraryPath(d.path) && !this.hasBody(d))) return undefined;
    if (declarations.length !== 1) return UNKNOWN;
    const declaration = declarations[0];
    // A library function's symbol leads into the library (TypeScript 6 answers none); anything else there asks the type.
    if (isLibraryPath(declaration.path)) return declaration.kind === Kind7.FunctionDeclaration && symbol.flags === SymbolFlags.Function ? undefined : UNKNOWN;
    const node = this.morphNode(within, declaration);
    if (!node) throw new CheckerFailure(`TypeScript 7's declaration of ${symbol.name} is not in ${declaration.path}`);
    const target = targetOfSymbol(symbol.flags, node.compilerNode);
    if (target === UNKNOWN) return UNKNOWN;
    return inProject(this.wrap(within)(target));
  }

  /** reach.ts's resolveCallee and declarationOfCallable past the symbol, from the callee's type. */
  private targetByType(within: Node, site: ReachSite, node: Node7, type: Type7): FunctionLike | undefined {
    const isCall = ts.isCallExpression(site) || ts.isNewExpression(site);
    if (!isCall) {
      const signatures = this.signaturesOf(type, SignatureKind.Call);
      return signatures.length === 1 ? this.projectFunctionOf(within, signatures[0]) : undefined;
    }
    if (!(type.flags & (TypeFlags.Union | TypeFlags.Intersection))) {
      const isNew = ts.isNewExpression(site);
      let signatures = this.signaturesOf(type, isNew ? SignatureKind.Construct : SignatureKind.Call);
      // `new f()` on a function without construct signatures resolves against its call signatures.
      if (isNew && signatures.length === 0) signatures = this.signaturesOf(type, SignatureKind.Call);
      const targets = signatures.map((s) => this.projectFunctionOf(within, s));
      if (targets.every((t) => t === undefined)) return undefined;
      if (signatures.length === 1) return targets[0];
    }
    const call = node.parent;
    if (!call || call.kind !== kind7Of(site.kind)) throw new CheckerFailure("TypeScript 7 has no call around the callee");
    const signature = this.checker.getResolvedSignature(call);
    return signature ? this.projectFunctionOf(within, signature) : undefined;
  }

  private projectFunctionOf(within: Node, signature: Signature7): FunctionLike | undefined {
    const handle = signature.declaration;
    if (!handle || !FUNCTION_KINDS.has(handle.kind) || isLibraryPath(handle.path)) return undefined;
    return inProject(this.morphNode(within, handle));
  }

  private aliased(symbol: Symbol7): Symbol7 {
    let target = this.aliases.get(symbol.id);
    if (!target) this.aliases.set(symbol.id, (target = this.checker.getAliasedSymbol(symbol)));
    return target;
  }

  private signaturesOf(type: Type7, kind: SignatureKind): readonly Signature7[] {
    const key = `${type.id}:${kind}`;
    let signatures = this.signatures.get(key);
    if (!signatures) this.signatures.set(key, (signatures = this.checker.getSignaturesOfType(type, kind)));
    return signatures;
  }

  private hasBody(handle: NodeHandle): boolean {
    if (/\.d\.[^/]*ts$/.test(handle.path)) return false;
    return !!(handle.resolve(this.project) as (Node7 & { body?: Node7 }) | undefined)?.body;
  }

  private wrap(within: Node): (node: ts.Node) => Node {
    const project = within.getProject();
    let wrap = this.wraps.get(project);
    if (!wrap) this.wraps.set(project, (wrap = wrapperOf(within)));
    return wrap;
  }

  /**
   * ts-morph's node for a declaration TypeScript 7 found, in the ts-morph Project of `within` (a file
   * outside the group's files is read into it, not marked as one of the Project's, as TypeScript 6's
   * program reads the files its imports lead to).
   */
  private morphNode(within: Node, handle: NodeHandle): FunctionLike | undefined;
  private morphNode(within: Node, handle: NodeHandle): Node | undefined;
  private morphNode(within: Node, handle: NodeHandle): Node | undefined {
    const key = `${handle.path}#${handle.index}#${handle.kind}`;
    if (this.declarations.has(key)) return this.declarations.get(key);
    const declaration = handle.resolve(this.project);
    const project = within.getProject() as Project & { addSourceFileAtPathIfExists(file: string, options: { markInProject: boolean }): ReturnType<Project["getSourceFile"]> };
    const file = declaration && project.addSourceFileAtPathIfExists(handle.path, { markInProject: false });
    const compiler = file && declaration ? locateCompiler(file.compilerNode, declaration.pos, declaration.end, kind6Of(declaration.kind)) : undefined;
    const node = compiler ? this.wrap(within)(compiler) : undefined;
    this.declarations.set(key, node as FunctionLike | undefined);
    return node;
  }

  filesChanged(files: readonly string[]): void {
    for (const file of files) this.dirty.add(file);
  }

  /**
   * Release the group's program (the next group opens its own in the same process). With a hand-over,
   * an opened program stays until the next group's opens, which closes it.
   */
  close(): void {
    if (this.pending) {
      // Opened in the background and never asked: take it, so that the channel is free and the program is handed over or closed.
      try {
        void this.project;
      } catch {
        // The process is gone; nothing to release.
      }
    }
    if (this.handOver && this.snapshot && this.project7) {
      this.handOver.keep({ snapshot: this.snapshot, config: this.config, release: this.release });
      this.snapshot = undefined;
      return;
    }
    try {
      this.snapshot?.dispose();
      if (this.project7) this.connect()?.updateSnapshot({ closeProjects: [this.config] }).dispose();
    } catch {
      // The process is gone; nothing to release.
    } finally {
      this.release();
    }
  }

  private get project(): Project7 {
    if (this.project7 && this.dirty.size === 0) return this.project7;
    const previous = this.snapshot;
    if (this.project7) {
      this.snapshot = this.api.updateSnapshot({ fileChanges: { changed: [...this.dirty] } });
    } else if (this.pending) {
      const { update, warm } = this.pending;
      this.pending = undefined;
      try {
        this.snapshot = this.background!.finish(update);
      } finally {
        try {
          warm?.snapshot.dispose();
        } catch {
          // The process is gone; nothing to release.
        }
      }
      // The group's files the compiler read from disk while settle parsed them, whose text settle holds
      // otherwise (a placeholder for a file it does not analyse, one with a byte order mark): read again.
      for (const file of this.background!.staleOwn()) this.dirty.add(file);
      if (this.dirty.size > 0) {
        const opened = this.snapshot;
        this.snapshot = this.api.updateSnapshot({ fileChanges: { changed: [...this.dirty] } });
        opened.dispose();
      }
    } else {
      // The previous group's program is closed in the same request, after this one shares its files.
      // (A prefetch that could not be sent took it already.)
      const warm = this.unsent ?? this.handOver?.take();
      this.unsent = undefined;
      // The previous group's texts go first: its files are read as on disk now, as TypeScript 6's program
      // of this group reads them (what its edits changed is re-read; the rest keeps its parse).
      warm?.release();
      for (const file of this.stale()) this.dirty.add(file);
      try {
        this.snapshot = this.api.updateSnapshot(this.openParams(warm));
      } finally {
        try {
          warm?.snapshot.dispose();
        } catch {
          // The process is gone; nothing to release.
        }
      }
    }
    previous?.dispose();
    this.dirty.clear();
    this.files = new Map();
    this.thenables = new Map();
    this.arrays = new Map();
    this.aliases = new Map();
    this.generation++;
    this.signatures = new Map();
    this.declarations = new Map();
    this.wraps = new WeakMap();
    const project = this.snapshot.getProject(this.config);
    if (!project) throw new CheckerFailure(`TypeScript 7 did not open ${this.config}`);
    return (this.project7 = project);
  }

  private get checker(): Checker {
    return this.project.checker;
  }

  /** Every request error is the checker failing: it costs the statement that asked, as a stack overflow does in TypeScript 6. */
  private ask<T>(question: () => T): T {
    try {
      return question();
    } catch (error) {
      if (error instanceof CheckerFailure) throw error;
      throw new CheckerFailure(`TypeScript 7: ${oneLine(error)}`);
    }
  }

  private fileTypes(file: string): FileTypes {
    const project = this.project;
    let entry = this.files.get(file);
    if (entry) return entry;
    const sourceFile = this.plainSourceFile(file);
    const candidates = candidateNodes(sourceFile);
    const types = new Map<string, Type7 | undefined>();
    if (candidates.length > 0) {
      const answers = project.checker.getTypeAtLocation(candidates);
      candidates.forEach((node, i) => types.set(keyOf(node.pos, node.end, node.kind), answers[i]));
    }
    this.files.set(file, (entry = { sourceFile, types }));
    return entry;
  }

  private node7(node: Node): Node7 {
    const found = locate(this.fileTypes(node.getSourceFile().getFilePath()).sourceFile, node.getPos(), node.getEnd(), kind7Of(node.getKind()));
    if (!found) throw new CheckerFailure(`TypeScript 7 has no ${node.getKindName()} at ${node.getPos()}-${node.getEnd()}`);
    return found;
  }

  private typeAt(node: Node): Type7 {
    const entry = this.fileTypes(node.getSourceFile().getFilePath());
    const key = keyOf(node.getPos(), node.getEnd(), kind7Of(node.getKind()));
    if (!entry.types.has(key)) entry.types.set(key, this.checker.getTypeAtLocation(this.node7(node)));
    const type = entry.types.get(key);
    if (!type) throw new CheckerFailure(`TypeScript 7 has no type for ${node.getKindName()} at ${node.getPos()}`);
    return type;
  }

  /** Promise, PromiseLike, or any object whose `then` takes a callback; for unions and intersections, any member. */
  private isThenable(type: Type7): boolean {
    const cached = this.thenables.get(type.id);
    if (cached !== undefined) return cached;
    this.thenables.set(type.id, false); // a recursive type asks about itself: not (yet) a thenable
    const answer = this.computeThenable(type);
    this.thenables.set(type.id, answer);
    return answer;
  }

  private computeThenable(type: Type7): boolean {
    if (type.flags & (TypeFlags.Union | TypeFlags.Intersection)) return membersOf(type).some((t) => this.isThenable(t));
    if (type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.Null | TypeFlags.Undefined)) return false;
    const checker = this.checker;
    const apparent = checker.getApparentType(type) ?? type;
    const then = checker.getPropertyOfType(apparent, "then");
    const thenType = then && checker.getTypeOfSymbol(then);
    if (!thenType) return false;
    // A `then` that takes no callback (`then(x: number)`) is not the thenable protocol: awaiting it would not wait.
    return checker.getSignaturesOfType(thenType, SignatureKind.Call).some((signature) => {
      const first = signature.getParameters()[0];
      const firstType = first && checker.getTypeOfSymbol(first);
      return !!firstType && this.isCallable(firstType);
    });
  }

  private isCallable(type: Type7): boolean {
    if (type.flags & TypeFlags.Union) return membersOf(type).some((t) => this.isCallable(t));
    if (type.flags & TypeFlags.Any) return true;
    const apparent = this.checker.getApparentType(type) ?? type;
    return this.checker.getSignaturesOfType(apparent, SignatureKind.Call).length > 0;
  }

  private isArrayType(type: Type7): boolean {
    const cached = this.arrays.get(type.id);
    if (cached !== undefined) return cached;
    const checker = this.checker;
    // `T extends Promise<number>[]`: what the constraint allows.
    const constraint = this.constraintOf(type);
    if (constraint) return this.isArrayType(constraint);
    const answer = checker.isArrayType(type) || checker.isTupleType(type) || type.getSymbol()?.name === "ReadonlyArray";
    this.arrays.set(type.id, answer);
    return answer;
  }

  /** A type parameter's constraint, if it has one. */
  private constraintOf(type: Type7): Type7 | undefined {
    if (!(type.flags & TypeFlags.TypeParameter)) return undefined;
    return this.checker.getConstraintOfTypeParameter(type as Parameters<Checker["getConstraintOfTypeParameter"]>[0]) ?? undefined;
  }

  /** Arrays, readonly arrays and tuples whose elements are promise-like, also through unions and branded intersections. */
  private isArrayOfPromises(type: Type7): boolean {
    const constraint = this.constraintOf(type);
    if (constraint) return this.isArrayOfPromises(constraint);
    if (type.flags & TypeFlags.Union) {
      const members = membersOf(type);
      return members.every((t) => this.isArrayType(t)) && members.some((t) => this.isArrayOfPromises(t));
    }
    if (type.flags & TypeFlags.Intersection) return membersOf(type).some((t) => this.isArrayOfPromises(t));
    if (!this.isArrayType(type)) return false;
    const args = this.checker.getTypeArguments(type as Parameters<Checker["getTypeArguments"]>[0]);
    if (this.checker.isTupleType(type)) return args.some((t) => this.isThenable(t));
    return args[0] !== undefined && this.isThenable(args[0]);
  }
}

/** A type reference's type arguments (`Promise<R>`'s `R`); [] for other types (ts-morph's getTypeArguments()). */
function typeArgumentsOf(checker: { getTypeArguments(type: never): readonly Type7[] }, type: Type7): readonly Type7[] {
  return type.flags & TypeFlags.Object && (type as Type7 & { objectFlags: number }).objectFlags & OBJECT_FLAGS_REFERENCE ? checker.getTypeArguments(type as never) : [];
}

/** ObjectFlags.Reference. */
const OBJECT_FLAGS_REFERENCE = 4;

function membersOf(type: Type7): readonly Type7[] {
  return (type as Type7 & { getTypes(): readonly Type7[] | undefined }).getTypes() ?? [];
}

/** What ts-morph's SourceFile.isDeclarationFile() says of a path (`.d.ts`, `.d.mts`, `.d.cts`, `.d.json.ts`). */
const DECLARATION_FILE = /\.d\.([cm]?ts|[^/.]+\.ts)$/;

/** ts-morph's Type.getText() flags: UseTypeOfFunction | NoTruncation | UseFullyQualifiedType | WriteTypeArgumentsOfSignature. */
const TYPE_TEXT_FLAGS = ts.TypeFormatFlags.UseTypeOfFunction | ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType | ts.TypeFormatFlags.WriteTypeArgumentsOfSignature;

const FUNCTION_KINDS = new Set<number>([Kind7.FunctionDeclaration, Kind7.FunctionExpression, Kind7.ArrowFunction, Kind7.MethodDeclaration]);

/** TypeScript 6 and 7 number their syntax kinds differently: map by name. */
const KIND7 = (() => {
  const map = new Map<number, number>();
  for (const [name, value] of Object.entries(ts.SyntaxKind)) {
    if (typeof value !== "number" || /^(First|Last)/.test(name)) continue;
    const native = (Kind7 as unknown as Record<string, number | undefined>)[name];
    if (typeof native === "number") map.set(value, native);
  }
  return map;
})();

const KIND6 = new Map([...KIND7].map(([six, seven]) => [seven, six]));

function kind6Of(kind: number): ts.SyntaxKind {
  return KIND6.get(kind) ?? (-1 as ts.SyntaxKind);
}

/** locate() over ts-morph's compiler nodes. */
function locateCompiler(root: ts.Node, pos: number, end: number, kind: ts.SyntaxKind): ts.Node | undefined {
  return locateIn(root, pos, end, kind, (node, visit) => ts.forEachChild(node, visit));
}

function kind7Of(kind: ts.SyntaxKind): number {
  return KIND7.get(kind) ?? -1;
}

function keyOf(pos: number, end: number, kind: number): string {
  return `${pos}:${end}:${kind}`;
}

/** The node with exactly this range and kind (nodes of one range nest, e.g. a statement and its call). */
function locate(root: Node7, pos: number, end: number, kind: number): Node7 | undefined {
  return locateIn(root, pos, end, kind, (node, visit) => node.forEachChild(visit));
}

/** Walk down from `root` through the one child that contains the range, to the node of exactly that range and kind. */
function locateIn<N extends { pos: number; end: number; kind: number }>(
  root: N,
  pos: number,
  end: number,
  kind: number,
  forEachChild: (node: N, visit: (child: N) => true | undefined) => void,
): N | undefined {
  let current: N | undefined = root;
  while (current) {
    if (current.pos === pos && current.end === end && current.kind === kind) return current;
    let next: N | undefined;
    forEachChild(current, (child) => {
      if (child.pos <= pos && end <= child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    current = next;
  }
  return undefined;
}

type Loose = Node7 & { expression?: Node7; initializer?: Node7; body?: Node7; left?: Node7; right?: Node7; operatorToken?: Node7; whenTrue?: Node7; whenFalse?: Node7 };

/**
 * The syntactic pre-filter: the expressions the transforms ask about (statement expressions and
 * what they wrap, variable initializers, expression bodies, returned values).
 */
function candidateNodes(sourceFile: SourceFile7): Node7[] {
  const out: Node7[] = [];
  const add = (expr: Node7 | undefined): void => {
    if (!expr) return;
    out.push(expr);
    const e = expr as Loose;
    switch (expr.kind) {
      case Kind7.ParenthesizedExpression:
      case Kind7.VoidExpression:
      case Kind7.AwaitExpression:
        add(e.expression);
        break;
      case Kind7.BinaryExpression:
        if (e.operatorToken?.kind === Kind7.CommaToken) {
          add(e.left);
          add(e.right);
        }
        break;
      case Kind7.ConditionalExpression:
        add(e.whenTrue);
        add(e.whenFalse);
        break;
    }
  };
  const visit = (node: Node7): undefined => {
    const n = node as Loose;
    if (node.kind === Kind7.ExpressionStatement || node.kind === Kind7.ReturnStatement) add(n.expression);
    else if (node.kind === Kind7.VariableDeclaration) add(n.initializer);
    else if (node.kind === Kind7.ArrowFunction && n.body && n.body.kind !== Kind7.Block) add(n.body);
    node.forEachChild(visit);
    return undefined;
  };
  visit(sourceFile);
  return out;
}

function commonDirectory(files: readonly string[]): string {
  let dir = path.dirname(files[0] ?? process.cwd());
  for (const file of files) while (!file.startsWith(dir + path.sep) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
