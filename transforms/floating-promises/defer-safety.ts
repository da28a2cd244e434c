import { Node, SyntaxKind, ts, type Identifier, type SourceFile } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationsOf, symbolKeys } from "../../src/types/index.js";

// Whether floating work may be deferred without changing what the handler returns: `after()`,
// `waitUntil()` and `ctx.waitUntil()` let it finish after the response, and `after()` also starts it then.

/**
 * A variable the work writes (assignment, `++`, or a method call on it such as `results.push(x)`)
 * that the handler reads after the statement: the response depends on the work, so it stays awaited.
 */
export function writtenAndReadLater(statement: Node, expr: Node, fn: FunctionLike): string | undefined {
  for (const id of expr.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const write = writeOf(id);
    if (!write) continue;
    const refs = declarationsOf(id);
    if (refs.length === 0 || refs.some((d) => d.inDeclarationFile)) continue;
    const declarations = refs.map((d) => d.node());
    if (declarations.some((d) => !d || isInside(d, expr))) continue;
    // `db.get(id)` reads; `results.push(x)` in a callback fills a local the handler then returns.
    if (write === "method" && !declarations.every((d) => isInside(d!, fn))) continue;
    const later = fn.getDescendantsOfKind(SyntaxKind.Identifier).filter((other) => other.getStart() > statement.getEnd() && other.getText() === id.getText());
    if (later.length === 0) continue;
    // The variable each later identifier reads, also in a shorthand property (`{ result }`).
    const readers = later.map((other) => {
      const parent = other.getParent();
      return parent && Node.isShorthandPropertyAssignment(parent) ? parent : other;
    });
    const [symbol, ...read] = symbolKeys([id, ...readers]);
    if (symbol !== undefined && read.some((key) => key === symbol)) return id.getText();
  }
  return undefined;
}

/** How the work writes the variable: assigns it (or a property of it), or calls a method on it. */
function writeOf(id: Identifier): "assign" | "method" | undefined {
  // Climb the receiver chain: `a` in `a.b.c = x` and in `a.list.push(x)`.
  let node: Node = id;
  let parent = node.getParent();
  while (parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) && parent.getExpression() === node) {
    node = parent;
    parent = node.getParent();
  }
  if (!parent) return undefined;
  if (Node.isBinaryExpression(parent)) {
    const op = parent.getOperatorToken().getKind();
    return parent.getLeft() === node && op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment ? "assign" : undefined;
  }
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken ? "assign" : undefined;
  }
  // A method call on the variable (not the variable called itself).
  return node !== id && Node.isCallExpression(parent) && parent.getExpression() === node ? "method" : undefined;
}

/**
 * A `let`/`var` or parameter the work reads that is reassigned somewhere (or a `var` loop
 * variable): after() evaluates the work later, when it may hold another value.
 */
export function changingCapture(expr: Node): string | undefined {
  for (const id of expr.getDescendantsOfKind(SyntaxKind.Identifier)) {
    // Declarations in other files are not looked at: only this file's are read.
    const declarations = declarationsOf(id).filter((d) => d.path === expr.getSourceFile().getFilePath());
    for (const ref of declarations) {
      const decl = ref.node();
      if (!decl || isInside(decl, expr) || decl.getSourceFile() !== expr.getSourceFile()) continue;
      if (Node.isVariableDeclaration(decl)) {
        const kind = decl.getVariableStatement()?.getDeclarationKind() ?? decl.getParent()?.getText().split(/\s/)[0];
        if (kind === "const") continue;
        const loop = decl.getParent()?.getParent();
        if (kind === "var" && loop && (Node.isForOfStatement(loop) || Node.isForInStatement(loop) || Node.isForStatement(loop))) return id.getText();
      } else if (!Node.isParameterDeclaration(decl) && !Node.isBindingElement(decl)) {
        continue;
      }
      const reassigned = reassignedIn(expr.getSourceFile()).has(symbolKeys([id])[0]);
      if (reassigned) return id.getText();
    }
  }
  return undefined;
}

// Per parsed file: a file's text is replaced only after the whole pass, which gives it a new compiler node.
const reassignedCache = new WeakMap<ts.SourceFile, Set<unknown>>();

/** The variables a file assigns to (or increments) anywhere after declaring them. */
function reassignedIn(file: SourceFile): Set<unknown> {
  let set = reassignedCache.get(file.compilerNode);
  if (!set) {
    // One batch for the file's reassigned names.
    set = new Set(symbolKeys(file.getDescendantsOfKind(SyntaxKind.Identifier).filter(isReassigned)).filter((key) => key !== undefined));
    reassignedCache.set(file.compilerNode, set);
  }
  return set;
}

function isReassigned(id: Identifier): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isBinaryExpression(parent)) {
    const op = parent.getOperatorToken().getKind();
    return parent.getLeft() === id && op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment;
  }
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }
  return false;
}

/** An `await`/`yield` of the function itself (not of a callback inside the expression). */
export function awaitsInside(expr: Node): boolean {
  let found = false;
  expr.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node)) traversal.skip();
    else if (Node.isAwaitExpression(node) || Node.isYieldExpression(node)) found = true;
  });
  return found;
}

function isInside(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd() && node.getSourceFile() === container.getSourceFile();
}
