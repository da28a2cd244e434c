import { Node, type SourceFile } from "ts-morph";
import type { Finding, Strategy, Transform, TransformContext } from "./define-transform.js";
import { EditBatch, EditConflictError } from "./edits.js";
import { classifyReport } from "./findings.js";
import { findEntryPoints } from "./handlers/index.js";
import type { EntryNote, EntryPoint, FunctionLike } from "./handlers/entry-point.js";
import { functionKey, functionsByKey } from "./function-key.js";
import { InvocationScope } from "./invocation.js";
import { ImportPlan } from "./imports.js";
import { firstParseDiagnostic, findSyntaxError } from "./syntax.js";
import { isCheckerFailure } from "./types/index.js";
import { registeredOracle } from "./types/oracle.js";

/** One file of a Project as the engine carries it through the transforms. */
export interface EngineFile {
  path: string;
  /** Parsed from `text` until the last transform, whose output is only in `text`. */
  sourceFile: SourceFile;
  /** The current text: the original, then each transform's output. */
  text: string;
  /** Ids of the transforms that changed the file. */
  changedBy: string[];
  /** Why the file could not be processed; it is left alone from then on. */
  failure?: string;
  /** The text before the first transform, and the edits of each pass that changed it (to report original positions). */
  originalText?: string;
  history?: EditBatch[];
  /** `/* settle-ignore-file *\/` in the file's header comments: no transform touches or reports it. */
  ignored?: boolean;
}

export interface EngineOptions {
  strategy: Strategy;
  /** Export names a deployment config assigns to a module, if any. */
  configuredExports?: (file: string) => Set<string> | undefined;
  /** Called once per file and transform pass (failed files too), so a run's progress moves through every pass. */
  onFileDone?: () => void;
  /** Exports that look like entry points but were not taken (or were taken through an unknown wrapper), once per run. */
  onEntryNote?: (note: EntryNoteAt) => void;
  /** Keys (functionKey) of the functions of a file that entry points of other Projects reach. */
  reachedFrom?: (file: string) => ReadonlySet<string> | undefined;
  /**
   * Each function this Project's entry points reach in a file that is not one of `files` (another
   * package's source, read through its workspace name or `paths`), by key, once per run of the engine.
   */
  onReachOutside?: (file: string, key: string | undefined) => void;
}

/** An EntryNote at its place in the file. */
export interface EntryNoteAt {
  file: string;
  line: number;
  column: number;
  kind: EntryNote["kind"];
  exportName: string;
  reason: string;
}

/**
 * Run transforms over the files of one Project, in registry order. Each transform sees every file
 * as the previous transform left it; a file's edits are applied in one batch and must parse.
 */
export function transformProject(files: EngineFile[], transforms: readonly Transform[], opts: EngineOptions): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    file.originalText ??= file.text;
    file.history ??= [];
    const problem = firstParseDiagnostic(file.sourceFile.compilerNode);
    if (problem) file.failure = `syntax error at ${problem.line}:${problem.column}: ${problem.message}`;
  }
  let invocation: InvocationScope | undefined;
  let liveCount = -1;
  const ids = transforms.map((t) => t.id);
  for (const [index, transform] of transforms.entries()) {
    const last = index === transforms.length - 1;
    const live = files.filter((f) => !f.failure);
    // Entry points and what they reach stay valid (and keep the checker's work) while no file changed.
    // Notes are taken on the first pass only, when every file is still as the user has it.
    if (!invocation || live.length !== liveCount) {
      invocation = new InvocationScope(live.flatMap((f) => entryPointsOf(f, opts, index === 0)), live.flatMap((f) => reachedFromOutside(f, opts)));
      if (index === 0) reportReachOutside(invocation, files, opts);
    }
    liveCount = live.length;
    const results = new Map<EngineFile, { text: string; batch: EditBatch }>();
    for (const file of live) {
      file.ignored ??= ignoresWholeFile(file.text);
      if (file.ignored) {
        opts.onFileDone?.();
        continue;
      }
      const outcome = runOne(transform, file, invocation, opts.strategy, findings, ids);
      if (outcome) results.set(file, outcome);
      opts.onFileDone?.();
    }
    for (let i = live.length; i < files.length; i++) opts.onFileDone?.();
    // Apply after the whole pass: replacing a file's text forgets its nodes, which other files' analysis may hold.
    // After the last pass nothing reads the nodes again: `text` is the result, and re-parsing it would be wasted.
    for (const [file, { text, batch }] of results) {
      if (!last) reparse(file, text);
      file.text = text;
      file.history!.push(batch);
      file.changedBy.push(transform.id);
    }
    if (results.size > 0) invocation = undefined;
    // A backend with its own program (TypeScript 7) must see the re-parsed texts before the next pass asks.
    if (results.size > 0 && !last) {
      const project = [...results.keys()][0].sourceFile.getProject();
      registeredOracle(project)?.filesChanged([...results.keys()].map((f) => f.sourceFile.getFilePath()));
    }
  }
  return findings;
}

function reachedFromOutside(file: EngineFile, opts: EngineOptions): FunctionLike[] {
  const keys = opts.reachedFrom?.(file.path);
  return keys ? functionsByKey(file.sourceFile, keys) : [];
}

/**
 * What the entry points reach outside the Project's own files, read before any pass edits them (a
 * later pass's scope is of rewritten code). A failure here costs the cross-package reach only: each
 * transform asks the scope again, and reports, on its own files.
 */
function reportReachOutside(invocation: InvocationScope, files: EngineFile[], opts: EngineOptions): void {
  if (!opts.onReachOutside || invocation.isEmpty) return;
  let outside: FunctionLike[];
  try {
    outside = invocation.functionsOutside(new Set(files.map((f) => f.sourceFile)));
  } catch {
    return;
  }
  for (const fn of outside) opts.onReachOutside(fn.getSourceFile().getFilePath(), functionKey(fn));
}

function entryPointsOf(file: EngineFile, opts: EngineOptions, takeNotes: boolean): EntryPoint[] {
  try {
    const notes: EntryNote[] = [];
    const found = findEntryPoints(file.sourceFile, opts.configuredExports?.(file.path), takeNotes && opts.onEntryNote ? notes : undefined);
    for (const note of notes) {
      const at = note.node.getSourceFile();
      const { line, column } = at.getLineAndColumnAtPos(note.node.getStart());
      opts.onEntryNote?.({ file: at.getFilePath(), line, column, kind: note.kind, exportName: note.exportName, reason: note.reason });
    }
    return found;
  } catch (error) {
    file.failure = `cannot analyse handlers: ${(error as Error).message}`;
    return [];
  }
}

/** The new text and its edits, undefined when unchanged; failures are recorded on the file. */
function runOne(
  transform: Transform,
  file: EngineFile,
  invocation: InvocationScope,
  strategy: Strategy,
  findings: Finding[],
  ids: readonly string[],
): { text: string; batch: EditBatch } | undefined {
  const batch = new EditBatch();
  const own: Finding[] = [];
  const imports = new ImportPlan(file.sourceFile);
  const ctx = createContext(file.sourceFile, batch, own, transform.id, invocation, strategy, imports, originalPosition(file), ids, file.originalText ?? file.text);
  try {
    transform.run(file.sourceFile, ctx);
    imports.flush((offset, text) => batch.add(offset, offset, text));
    if (batch.size === 0) return undefined;
    const text = batch.apply(file.text);
    const problem = findSyntaxError(file.path, text);
    if (problem) {
      // The stricter output check (e.g. no type annotations in .js) may also reject the input itself.
      const own = findSyntaxError(file.path, file.text);
      file.failure = own
        ? `syntax error at ${own.line}:${own.column}: ${own.message}`
        : `${transform.id} produced output that does not parse (${problem.line}:${problem.column}: ${problem.message}); file left unchanged`;
      return undefined;
    }
    return text === file.text ? undefined : { text, batch };
  } catch (error) {
    const kind = error instanceof EditConflictError ? "conflicting edits" : isCheckerFailure(error) ? "the type checker failed" : "internal error";
    file.failure = `${transform.id}: ${kind}: ${(error as Error).message}`;
    return undefined;
  } finally {
    findings.push(...own);
  }
}

function createContext(
  file: SourceFile,
  batch: EditBatch,
  findings: Finding[],
  transform: string,
  invocation: InvocationScope,
  strategy: Strategy,
  imports: ImportPlan,
  locate: (offset: number) => { line: number; column: number },
  transforms: readonly string[],
  originalText: string,
): TransformContext {
  const ignoredLine = ignoredLines(originalText);
  const offset = (target: Node | number, edge: "start" | "end") =>
    typeof target === "number" ? target : edge === "start" ? target.getStart() : target.getEnd();
  return {
    file,
    strategy,
    invocation,
    transforms,
    replace: (target, text) => {
      const range = target instanceof Node ? { start: target.getStart(), end: target.getEnd() } : target;
      batch.add(range.start, range.end, text);
    },
    insertBefore: (target, text) => batch.add(offset(target, "start"), offset(target, "start"), text),
    insertAfter: (target, text) => batch.add(offset(target, "end"), offset(target, "end"), text),
    addImport: (moduleSpecifier, name) => imports.add(moduleSpecifier, name),
    report: (node, reason, options) => {
      const { line, column } = locate(node.getStart());
      if (ignoredLine(line)) return;
      const { rule, level, fix } = classifyReport(transform, reason, options);
      findings.push({ file: file.getFilePath(), line, column, transform, reason, rule, level, fix, ...(level === "blocking" ? { blocking: true } : {}) });
    },
    isIgnored: (node) => {
      if (ignoredLine(locate(node.getStart()).line)) return true;
      const statement = Node.isStatement(node) ? node : node.getFirstAncestor((a) => Node.isStatement(a));
      return !!statement?.getLeadingCommentRanges().some((c) => c.getText().includes("settle-ignore"));
    },
  };
}

/**
 * Findings point into the file as the user has it, not as an earlier transform of this run left
 * it: offsets are mapped back through each pass's edits to the original text.
 */
function originalPosition(file: EngineFile): (offset: number) => { line: number; column: number } {
  return (offset) => {
    let at = offset;
    for (const batch of [...(file.history ?? [])].reverse()) at = batch.mapBack(at);
    const before = (file.originalText ?? file.text).slice(0, at);
    const lineStart = before.lastIndexOf("\n") + 1;
    return { line: before.split("\n").length, column: at - lineStart + 1 };
  };
}

/**
 * Give the next pass a source file with exactly `text`. (ts-morph's replaceWithText would turn CRLF
 * into LF, and the next pass's offsets would no longer match the text its edits apply to.)
 */
function reparse(file: EngineFile, text: string): void {
  const project = file.sourceFile.getProject();
  const scriptKind = file.sourceFile.getScriptKind();
  file.sourceFile = project.createSourceFile(file.sourceFile.getFilePath(), text, { overwrite: true, scriptKind });
}

const IGNORE_FILE = /^\s*(?:\/\/|\/\*+|\*)\s*settle-ignore-file\b/;
const IGNORE_NEXT_LINE = /(?:\/\/|\/\*)\s*settle-ignore-next-line\b/;

/**
 * `/* settle-ignore-file *\/` (or `// settle-ignore-file`) among the comments before the first
 * statement opts the whole file out, like ESLint's file-level directives at the top of a file.
 */
export function ignoresWholeFile(text: string): boolean {
  if (!text.includes("settle-ignore-file")) return false;
  const lines = text.split(/\r?\n/);
  let inBlock = false;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (i === 0 && line.startsWith("#!")) continue;
    if (IGNORE_FILE.test(line) || (inBlock && /^\*?\s*settle-ignore-file\b/.test(line))) return true;
    if (inBlock) {
      if (line.includes("*/")) inBlock = false;
      continue;
    }
    if (line === "" || line.startsWith("//") || /^["']use (strict|client|server)["'];?$/.test(line)) continue;
    if (line.startsWith("/*")) {
      inBlock = !line.includes("*/");
      continue;
    }
    return false;
  }
  return false;
}

/**
 * Lines (1-based, of the original text) that a `// settle-ignore-next-line <reason>` on the line
 * before opts out: nothing there is rewritten or reported.
 */
function ignoredLines(text: string): (line: number) => boolean {
  if (!text.includes("settle-ignore-next-line")) return () => false;
  const lines = text.split("\n");
  return (line) => line >= 2 && IGNORE_NEXT_LINE.test(lines[line - 2] ?? "");
}
