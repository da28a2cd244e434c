import type { Node, SourceFile } from "ts-morph";
import type { Level, ReportOptions } from "./findings.js";
import type { InvocationScope } from "./invocation.js";

/** How floating work is kept inside the invocation. */
export type Strategy = "auto" | "await" | "defer";

/** A place a transform found but did not rewrite, with the reason. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  transform: string;
  reason: string;
  /** Stable id of the reason (src/findings.ts RULES; docs/findings.md explains each). */
  rule: string;
  /** blocking: fails on its runtime as it is; warning: escaping work not rewritten; note: settle could not tell. */
  level: Level;
  /** A short suggested manual fix. */
  fix: string;
  /**
   * The code still fails on the target runtime as it is (e.g. a callback handler Node.js 24 refuses):
   * `--check` exits 1 while any blocking finding remains, even when nothing would change.
   * Set exactly when `level` is "blocking" (kept for consumers of the JSON).
   */
  blocking?: boolean;
}

/** What a transform sees while it analyses one file. It never prints and never writes. */
export interface TransformContext {
  readonly file: SourceFile;
  readonly strategy: Strategy;
  /** Entry points and every function they reach: the code that runs inside an invocation. */
  readonly invocation: InvocationScope;
  /**
   * Ids of the transforms in this run, in the order they run (registry order; the ones selected with
   * `-t`; the jscodeshift adapter runs one). A transform may leave work to one that runs after it.
   */
  readonly transforms: readonly string[];
  /** Replace the text of a node (or an explicit [start, end) range) in the original file. */
  replace(target: Node | { start: number; end: number }, text: string): void;
  /** Insert text before a node's first token (or at an offset). */
  insertBefore(target: Node | number, text: string): void;
  /** Insert text right after a node's last token (or at an offset). */
  insertAfter(target: Node | number, text: string): void;
  /**
   * Make `name` from `moduleSpecifier` available in the file: merged into an existing import (or
   * `require` destructuring), else a new one after the last import. Returns the local name to call
   * it by (an existing alias included), or undefined when another binding already has that name.
   * Idempotent; applied with the transform's other edits.
   */
  addImport(moduleSpecifier: string, name: string): string | undefined;
  /**
   * Report a place that is left alone, with the reason. `rule` names its row in src/findings.ts
   * (which gives level and fix); without it the reason's text picks the row. `blocking` is an alias
   * kept for older callers: the finding is blocking whatever the rule says.
   */
  report(node: Node, reason: string, options?: ReportOptions): void;
  /** True when `// settle-ignore` stands on the line before the statement that holds the node. */
  isIgnored(node: Node): boolean;
}

/** A transform describes itself; the registry, --help, --list, README and jscodeshift entries derive from this. */
export interface Transform {
  id: string;
  summary: string;
  /** Whether the transform needs the checker across files (false: works on one file, e.g. through jscodeshift). */
  requiresTypeInfo: boolean;
  run(file: SourceFile, ctx: TransformContext): void;
}

/** Declare a transform (identity function that keeps the type checked in one place). */
export function defineTransform(transform: Transform): Transform {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(transform.id)) {
    throw new Error(`transform id must be kebab-case: ${transform.id}`);
  }
  return transform;
}
