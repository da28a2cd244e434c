import { statSync } from "node:fs";
import type { SourceFile } from "ts-morph";
import type { Finding, Strategy, Transform } from "./define-transform.js";
import { transformProject, type EngineFile, type EntryNoteAt } from "./engine.js";
import { describeError, oneLine, readSourceFile } from "./fs.js";
import { createProject, type DeclarationCache, type ProjectGroup } from "./project.js";
import { decodeSource } from "./source-text.js";
import { firstParseDiagnostic, isNestedDeeperThan, MAX_NESTING_DEPTH } from "./syntax.js";
import { entryPointCandidates } from "./handlers/index.js";
import { useTypeOracle, type TypeOracle } from "./types/oracle.js";
import type { Ts7Session } from "./types/ts7.js";

/** A file as the run keeps it after its group's analysis: the texts, not the syntax tree. */
export interface AnalysedFile {
  path: string;
  original: Buffer;
  originalText: string;
  text: string;
  bom: boolean;
  changedBy: string[];
  failure?: string;
}

/** A group's analysis: its findings and files (a group reached from another is analysed again). */
export interface GroupAnalysis {
  findings: Finding[];
  files: AnalysedFile[];
}

/** What is the same for every group of a run. */
export interface GroupContext {
  selected: readonly Transform[];
  strategy: Strategy;
  /** Export names a deployment config assigns to a module. */
  configuredExports: (file: string) => Set<string> | undefined;
  declarations: DeclarationCache;
  ts7?: Ts7Session;
  /** A path relative to the run's cwd, as reported. */
  rel: (file: string) => string;
  /** `--tsconfig`, when given: a config it names that cannot be used is a usage error. */
  explicitTsconfig?: { path: string; asGiven: string };
}

/** Where one analysis of a group reports, in the order it happens. */
export interface GroupHooks {
  /** The group was analysed before (its progress and config errors were counted then). */
  again: boolean;
  settleOutcome: (file: string, status: "skipped" | "failed" | "changed" | "unchanged", reason?: string) => void;
  /** A file skipped because of a limit (size, nesting): not analysed, so the exit code says so. */
  unanalysed: (file: string) => void;
  error: (error: { file: string; message: string }) => void;
  onEntryNote: (note: EntryNoteAt) => void;
  reachedFrom: (file: string) => ReadonlySet<string> | undefined;
  onReachOutside: (file: string, key: string | undefined) => void;
  /** File steps done (reading and parsing a file, then one per transform pass); called on first analyses only. */
  progress: (weight: number) => void;
}

/** A tsconfig named on the command line that cannot be used (exit code 2, nothing processed). */
export class UnusableTsconfig extends Error {}

/**
 * Analyse one tsconfig group: read and parse its files into a Project of its own, open its type
 * oracle, run the transforms. The run's loop calls it (one group after the other), and so does a
 * worker thread (src/group-worker.ts) for the groups it is given.
 */
export function analyseGroup(ctx: GroupContext, group: ProjectGroup, hooks: GroupHooks): GroupAnalysis {
  const { again } = hooks;
  // A pipe or folder named tsconfig.json would block or fail the reader: such a config is not used.
  const config = group.tsconfig && !isRegularFile(group.tsconfig) ? undefined : group.tsconfig;
  if (group.tsconfig && !config) {
    if (ctx.explicitTsconfig) throw new UnusableTsconfig(`cannot use --tsconfig ${ctx.explicitTsconfig.asGiven}: not a regular file`);
    if (!again) hooks.error({ file: ctx.rel(group.tsconfig), message: "not a regular file; its files were analysed with inferred options" });
  }
  const { project, configError, addFile } = createProject(config, ctx.declarations);
  if (configError && config) {
    // Named on the command line: analysing with other options than asked would be a different run.
    if (ctx.explicitTsconfig) throw new UnusableTsconfig(`cannot use --tsconfig ${ctx.explicitTsconfig.asGiven}: ${oneLine(configError)}`);
    if (!again) hooks.error({ file: ctx.rel(config), message: `${oneLine(configError).replace(/\.$/, "")}; its files were analysed with inferred options` });
  }
  const files: (EngineFile & AnalysedFile)[] = [];
  // Counted in file steps (reading and parsing it, then one per transform pass), shown in files: the
  // line moves from the start, not only in the last pass (a type-aware run spends most of its time before).
  const passes = ctx.selected.length + 1;
  const groupUnits = group.files.length * passes;
  let done = 0;
  const progress = (weight = 1) => {
    if (again) return;
    done += weight;
    hooks.progress(weight);
  };
  // The native compiler can build the group's program while its files are parsed here: the oracle sends
  // its opening request in the background once a parsed file shows that the group will ask (see probe()).
  const oracle = ctx.ts7?.openGroup(project, configError ? undefined : config, group.files);
  let probing = !!oracle?.canPrefetch;
  if (probing) useTypeOracle(project, PROBE_ORACLE);
  for (const file of group.files) {
    const loaded = loadFile(file);
    if ("reason" in loaded) {
      hooks.settleOutcome(file, loaded.status, loaded.reason);
      if (loaded.unanalysed) {
        hooks.unanalysed(file);
        addPlaceholder(addFile, file);
      }
      progress(passes);
      continue;
    }
    const parsed = parseFile(addFile, file, loaded.text);
    if ("reason" in parsed) {
      hooks.settleOutcome(file, parsed.status, parsed.reason);
      if (parsed.status === "skipped") hooks.unanalysed(file);
      progress(passes);
      continue;
    }
    files.push({ ...loaded, path: file, sourceFile: parsed.sourceFile, text: loaded.text, changedBy: [] });
    if (probing && (hooks.reachedFrom(file)?.size || willAsk(parsed.sourceFile, ctx.configuredExports(file)))) {
      probing = false;
      oracle!.prefetch();
    }
    progress();
  }
  if (oracle) useTypeOracle(project, oracle);
  const groupFindings: Finding[] = [];
  try {
    groupFindings.push(...transformProject(files, ctx.selected, {
      strategy: ctx.strategy,
      configuredExports: ctx.configuredExports,
      onEntryNote: hooks.onEntryNote,
      onFileDone: progress,
      reachedFrom: hooks.reachedFrom,
      onReachOutside: hooks.onReachOutside,
    }));
  } catch (error) {
    // The engine isolates files from each other; this is the last line: the group fails, the run goes on.
    const reason = `analysis failed: ${error instanceof RangeError ? "the type checker failed (stack overflow)" : describeError(error)}`;
    for (const file of files) file.failure = reason;
  } finally {
    oracle?.close();
  }
  // A group whose analysis failed part-way still counts all its files (the line is cleared at the end).
  if (!again && done < groupUnits) progress(groupUnits - done);
  // Keep the texts, not the syntax trees: the group's Project (its program and checker) can then be
  // freed before the next group is analysed, so a monorepo's peak memory is one package's, not all.
  return {
    findings: groupFindings,
    files: files.map((f) => ({
      path: f.path, original: f.original, originalText: f.originalText!, text: f.text, bom: f.bom, changedBy: f.changedBy,
      ...(f.failure !== undefined ? { failure: f.failure } : {}),
    })),
  };
}

/** A type question asked while the group's files are parsed (by the probe): the group will ask it again. */
class ProbeAsked extends Error {}

/** Registered while the files are parsed: any type question ends the probe (it is asked again after the parse). */
const PROBE_ORACLE = new Proxy({} as TypeOracle, {
  get: (_, name) => (name === "backend" ? "ts7" : () => {
    throw new ProbeAsked(String(name));
  }),
});

/**
 * Whether the engine's first pass will find an entry point in this file (its syntactic candidates),
 * or need a type question to tell: the group's program is then opened for certain, so it may be built
 * now. A group without either never opens one (the probe only decides when, never what is answered).
 */
function willAsk(file: SourceFile, configured: Set<string> | undefined): boolean {
  // The engine leaves a file that does not parse alone.
  if (firstParseDiagnostic(file.compilerNode)) return false;
  try {
    return entryPointCandidates(file, configured).length > 0;
  } catch (error) {
    return error instanceof ProbeAsked;
  }
}

type Loaded =
  | { original: Buffer; originalText: string; text: string; bom: boolean }
  | { status: "skipped" | "failed"; reason: string; unanalysed?: boolean };

function loadFile(file: string): Loaded {
  const read = readSourceFile(file);
  if (!read.ok) return { status: read.status, reason: read.reason, unanalysed: read.tooLarge };
  const decoded = decodeSource(read.bytes);
  if (!decoded.ok) return { status: "failed", reason: decoded.reason };
  return { original: read.bytes, originalText: decoded.text, text: decoded.text, bom: decoded.bom };
}

type AddFile = (file: string, text: string) => SourceFile;
const TOO_DEEP = `nested more than ${MAX_NESTING_DEPTH} levels deep: not analysed`;

/** Parse a file into its Project; a file too deeply nested to analyse safely is left out. */
function parseFile(addFile: AddFile, file: string, text: string): { sourceFile: SourceFile } | { status: "skipped" | "failed"; reason: string } {
  let sourceFile: SourceFile;
  try {
    sourceFile = addFile(file, text);
  } catch (error) {
    if (!(error instanceof RangeError)) return { status: "failed", reason: `cannot parse: ${describeError(error)}` };
    addPlaceholder(addFile, file);
    return { status: "skipped", reason: TOO_DEEP };
  }
  if (!isNestedDeeperThan(sourceFile.compilerNode, MAX_NESTING_DEPTH)) return { sourceFile };
  // Removed and added again, not replaceWithText: ts-morph edits a file's text through its language
  // service, which builds TypeScript 6's program of the whole group (in a TypeScript 7 run too).
  sourceFile.getProject().removeSourceFile(sourceFile);
  addPlaceholder(addFile, file);
  return { status: "skipped", reason: TOO_DEEP };
}

/**
 * An empty module in place of a file that is not analysed, so that files importing it do not make
 * the checker read (and overflow on, or spend minutes in) the original: its exports look untyped.
 */
const PLACEHOLDER = "export {};\n";

function addPlaceholder(addFile: AddFile, file: string): void {
  try {
    addFile(file, PLACEHOLDER);
  } catch {
    // Nothing imports it, or the checker will read it and fail the importers on their own.
  }
}

/** Let the groups whose tsconfigs type alike share one program of the native compiler (Ts7Session.plan), once per session, before the first group opens. */
export function planPrograms(ts7: Ts7Session | undefined, groups: readonly ProjectGroup[]): void {
  ts7?.plan(groups.map((g) => ({ tsconfig: g.tsconfig && isRegularFile(g.tsconfig) ? g.tsconfig : undefined, files: g.files })));
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
