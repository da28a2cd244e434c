import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { endsLine, lineStartOf, startsLine, usesSemicolons } from "../../src/layout.js";

/**
 * The edits of one handler, collected first and handed to the context only when the whole
 * handler can be converted (a handler is converted completely or not at all).
 */
export class Plan {
  readonly edits: { start: number; end: number; text: string }[] = [];
  /** The edits call the file's context adapter (context-handoff.ts), which the file must then declare. */
  contextAdapter = false;
  /** Names added to the file's imports so that a written type is in scope; applied once per file (`key`). */
  readonly typeImports: { at: number; text: string; key: string }[] = [];
  /** Notes (non-blocking findings) that go with the edits: what the rewrite changed on purpose (error-branch.ts). */
  readonly notes: { node: Node; reason: string }[] = [];

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  insert(at: number, text: string): void {
    this.edits.push({ start: at, end: at, text });
  }

  /** A context whose edits land in this plan (for floating-promises' `apply`). */
  recorder(ctx: TransformContext): TransformContext {
    const pos = (target: Node | number, edge: "start" | "end") =>
      typeof target === "number" ? target : edge === "start" ? target.getStart() : target.getEnd();
    return {
      ...ctx,
      replace: (target, text) => {
        const range = target instanceof Node ? { start: target.getStart(), end: target.getEnd() } : target;
        this.replace(range.start, range.end, text);
      },
      insertBefore: (target, text) => this.insert(pos(target, "start"), text),
      insertAfter: (target, text) => this.insert(pos(target, "end"), text),
    };
  }

  applyTo(ctx: TransformContext, imported = new Set<string>()): void {
    for (const e of this.edits) ctx.replace({ start: e.start, end: e.end }, e.text);
    for (const i of this.typeImports) {
      if (imported.has(i.key)) continue;
      imported.add(i.key);
      ctx.insertAfter(i.at, i.text);
    }
  }
}

/** The quote character the file's string literals use (double quotes when it has none). */
export function quoteOf(file: SourceFile): string {
  const literal = file.getFirstDescendantByKind(SyntaxKind.StringLiteral);
  return literal?.getText().startsWith("'") ? "'" : '"';
}

/** ";" when the statements around `node` end with semicolons (the function's own, else the file's), else "". */
export function semicolonOf(node: Node): string {
  const simple = (n: Node) => Node.isExpressionStatement(n) || Node.isVariableStatement(n) || Node.isReturnStatement(n) || Node.isThrowStatement(n);
  const sample = node.getFirstDescendant(simple) ?? node.getSourceFile().getFirstDescendant(simple);
  return !sample || usesSemicolons(sample) ? ";" : "";
}

/** The range that removes a statement: its whole line (with a trailing `//` comment) when it stands alone on it. */
export function statementRemoval(statement: Node): { start: number; end: number } {
  const text = statement.getSourceFile().getFullText();
  const lineEnd = text.indexOf("\n", statement.getEnd());
  if (startsLine(statement) && endsLine(statement) && lineEnd !== -1) {
    return { start: lineStartOf(statement), end: lineEnd + 1 };
  }
  // Sharing its line: take the spaces after it too, so no double space is left.
  return { start: statement.getStart(), end: statement.getEnd() + /^[ \t]*/.exec(text.slice(statement.getEnd()))![0].length };
}

/** Whether an expression needs parentheses before `??` (mixing `??` with `||`/`&&` is a syntax error). */
export function needsParens(expr: Node): boolean {
  return !(
    Node.isIdentifier(expr) ||
    Node.isPropertyAccessExpression(expr) ||
    Node.isElementAccessExpression(expr) ||
    Node.isCallExpression(expr) ||
    Node.isNewExpression(expr) ||
    Node.isLiteralExpression(expr) ||
    Node.isParenthesizedExpression(expr)
  );
}

/** A name not used anywhere in `scope`: `base`, `base2`, ... */
export function freshName(scope: Node, base: string): string {
  const used = new Set(scope.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}
