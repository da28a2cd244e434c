import { Node, SyntaxKind } from "ts-morph";

/** The offset where the line holding `node`'s first token starts. */
export function lineStartOf(node: Node): number {
  return node.getSourceFile().getFullText().lastIndexOf("\n", node.getStart() - 1) + 1;
}

/** The whitespace that starts the line holding `node`. */
export function indentOf(node: Node): string {
  return /^[ \t]*/.exec(node.getSourceFile().getFullText().slice(lineStartOf(node)))![0];
}

/** The file's line break for new lines: CRLF when the file uses it, else LF. */
export function eolOf(node: Node): string {
  return node.getSourceFile().getFullText().includes("\r\n") ? "\r\n" : "\n";
}

/** The indentation one level deeper than `indent`, following the file's unit (tab, 2 or 4 spaces). */
export function deeperIndent(node: Node, indent: string): string {
  const unit = /^\t/m.test(node.getSourceFile().getFullText()) && indent.startsWith("\t") ? "\t" : guessIndentUnit(node);
  return indent + unit;
}

function guessIndentUnit(node: Node): string {
  const counts = new Map<number, number>();
  // Not the ` * ` lines of block comments (a JSDoc header would make the unit one space).
  for (const match of node.getSourceFile().getFullText().matchAll(/\n( +)[^\s*]/g)) {
    const n = match[1].length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const smallest = Math.min(...[...counts.keys()].filter((n) => n > 0));
  return Number.isFinite(smallest) && smallest <= 8 ? " ".repeat(smallest) : "  ";
}

/** Whether the statement ends with a semicolon: new statements follow the file's style. */
export function usesSemicolons(statement: Node): boolean {
  return statement.getLastToken().getKind() === SyntaxKind.SemicolonToken;
}

/** Whether `node` is the first thing on its line (so a new statement can go on a line of its own). */
export function startsLine(node: Node): boolean {
  return node.getSourceFile().getFullText().slice(lineStartOf(node), node.getStart()).trim() === "";
}

/** Whether only white space or a `//` comment follows `node` on its line (CRLF or LF). */
export function endsLine(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  let nl = text.indexOf("\n", node.getEnd());
  if (nl === -1) nl = text.length;
  if (text[nl - 1] === "\r") nl--;
  return /^\s*(\/\/.*)?$/.test(text.slice(node.getEnd(), nl));
}

/**
 * Where to put a new line after `statement`: the end of its line when only white space or a
 * `//` comment follows it (so the comment stays with its statement), else the statement's end.
 */
export function endOfLineAfter(statement: Node): number {
  const text = statement.getSourceFile().getFullText();
  const end = statement.getEnd();
  let nl = text.indexOf("\n", end);
  if (nl === -1) nl = text.length;
  if (text[nl - 1] === "\r") nl--;
  return endsLine(statement) ? nl : end;
}

/** Whether an expression can take `await ` in front without parentheses. */
export function bindsTighterThanAwait(expr: Node): boolean {
  return (
    Node.isCallExpression(expr) ||
    Node.isNewExpression(expr) ||
    Node.isPropertyAccessExpression(expr) ||
    Node.isElementAccessExpression(expr) ||
    Node.isIdentifier(expr) ||
    Node.isParenthesizedExpression(expr) ||
    Node.isTaggedTemplateExpression(expr) ||
    Node.isAwaitExpression(expr)
  );
}

/** Whether `node` lies inside `container` (by position: both in the same file). */
export function within(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}
