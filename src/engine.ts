import { Node, type SourceFile } from "ts-morph";
import type { Finding, Strategy, Transform, TransformContext } from "./define-transform.js";
import { EditBatch, EditConflictError } from "./edits.js";
import { findLambdaHandlers } from "./handlers/lambda.js";
import type { EntryPoint } from "./handlers/entry-point.js";
import { InvocationScope } from "./invocation.js";
import { firstParseDiagnostic, findSyntaxError } from "./syntax.js";

/** One file of a Project as the engine carries it through the transforms. */
export interface EngineFile {
  path: string;
  sourceFile: SourceFile;
  /** The current text: the original, then each transform's output. */
  text: string;
  /** Ids of the transforms that changed the file. */
  changedBy: string[];
  /** Why the file could not be processed; it is left alone from then on. */
  failure?: string;
}

export interface EngineOptions {
  strategy: Strategy;
  /** Export names a deployment config assigns to a module, if any. */
  configuredExports?: (file: string) => Set<string> | undefined;
  onFileDone?: () => void;
}

/**
 * Run transforms over the files of one Project, in registry order. Each transform sees every file
 * as the previous transform left it; a file's edits are applied in one batch and must parse.
 */
export function transformProject(files: EngineFile[], transforms: readonly Transform[], opts: EngineOptions): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const problem = firstParseDiagnostic(file.sourceFile.compilerNode);
    if (problem) file.failure = `syntax error at ${problem.line}:${problem.column}: ${problem.message}`;
  }
  for (const [index, transform] of transforms.entries()) {
    const live = files.filter((f) => !f.failure);
    const invocation = new InvocationScope(live.flatMap((f) => entryPointsOf(f, opts)));
    const results = new Map<EngineFile, string>();
    for (const file of live) {
      const outcome = runOne(transform, file, invocation, opts.strategy, findings);
      if (typeof outcome === "string") results.set(file, outcome);
      if (index === transforms.length - 1) opts.onFileDone?.();
    }
    // Apply after the whole pass: replacing a file's text forgets its nodes, which other files' analysis may hold.
    for (const [file, text] of results) {
      file.sourceFile.replaceWithText(text);
      file.text = text;
      file.changedBy.push(transform.id);
    }
  }
  return findings;
}

function entryPointsOf(file: EngineFile, opts: EngineOptions): EntryPoint[] {
  try {
    return findLambdaHandlers(file.sourceFile, opts.configuredExports?.(file.path));
  } catch (error) {
    file.failure = `cannot analyse handlers: ${(error as Error).message}`;
    return [];
  }
}

/** The new text, undefined when unchanged; failures are recorded on the file. */
function runOne(transform: Transform, file: EngineFile, invocation: InvocationScope, strategy: Strategy, findings: Finding[]): string | undefined {
  const batch = new EditBatch();
  const own: Finding[] = [];
  const ctx = createContext(file.sourceFile, batch, own, transform.id, invocation, strategy);
  try {
    transform.run(file.sourceFile, ctx);
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
    return text === file.text ? undefined : text;
  } catch (error) {
    const kind = error instanceof EditConflictError ? "conflicting edits" : error instanceof RangeError ? "too deeply nested" : "internal error";
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
): TransformContext {
  const offset = (target: Node | number, edge: "start" | "end") =>
    typeof target === "number" ? target : edge === "start" ? target.getStart() : target.getEnd();
  return {
    file,
    strategy,
    invocation,
    replace: (target, text) => {
      const range = target instanceof Node ? { start: target.getStart(), end: target.getEnd() } : target;
      batch.add(range.start, range.end, text);
    },
    insertBefore: (target, text) => batch.add(offset(target, "start"), offset(target, "start"), text),
    insertAfter: (target, text) => batch.add(offset(target, "end"), offset(target, "end"), text),
    report: (node, reason) => {
      const { line, column } = file.getLineAndColumnAtPos(node.getStart());
      findings.push({ file: file.getFilePath(), line, column, transform, reason });
    },
    isIgnored: (node) => {
      const statement = Node.isStatement(node) ? node : node.getFirstAncestor((a) => Node.isStatement(a));
      return !!statement?.getLeadingCommentRanges().some((c) => c.getText().includes("settle-ignore"));
    },
  };
}
