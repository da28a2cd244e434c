import { Node, SyntaxKind, ts, type Identifier, type SourceFile } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";

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
    const symbol = id.getSymbol();
    const declarations = symbol?.getDeclarations() ?? [];
    if (!symbol || declarations.length === 0 || declarations.some((d) => d.getSourceFile().isDeclarationFile() || isInside(d, expr))) continue;
    // `db.get(id)` reads; `results.push(x)` in a callback fills a local the handler then returns.
    if (write === "method" && !declarations.every((d) => isInside(d, fn))) continue;
    const readLater = fn.getDescendantsOfKind(SyntaxKind.Identifier).some(
      (other) => other.getStart() > statement.getEnd() && other.getText() === id.getText() && valueSymbolOf(other) === symbol,
    );
    if (readLater) return id.getText();
  }
  return undefined;
}

/** The variable an identifier reads, also in a shorthand property (`{ result }`). */
function valueSymbolOf(id: Identifier) {
  const parent = id.getParent();
  if (parent && Node.isShorthandPropertyAssignment(parent)) return parent.getValueSymbol();
  return id.getSymbol();
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
    const declarations = id.getSymbol()?.getDeclarations() ?? [];
    for (const decl of declarations) {
      if (isInside(decl, expr) || decl.getSourceFile() !== expr.getSourceFile()) continue;
      if (Node.isVariableDeclaration(decl)) {
        const kind = decl.getVariableStatement()?.getDeclarationKind() ?? decl.getParent()?.getText().split(/\s/)[0];
        if (kind === "const") continue;
        const loop = decl.getParent()?.getParent();
        if (kind === "var" && loop && (Node.isForOfStatement(loop) || Node.isForInStatement(loop) || Node.isForStatement(loop))) return id.getText();
      } else if (!Node.isParameterDeclaration(decl) && !Node.isBindingElement(decl)) {
        continue;
      }
      const reassigned = reassignedIn(expr.getSourceFile()).has(id.getSymbol()?.compilerSymbol as ts.Symbol);
      if (reassigned) return id.getText();
    }
  }
  return undefined;
}

// Per parsed file: a file's text is replaced only after the whole pass, which gives it a new compiler node.
const reassignedCache = new WeakMap<ts.SourceFile, Set<ts.Symbol>>();

/** The variables a file assigns to (or increments) anywhere after declaring them. */
function reassignedIn(file: SourceFile): Set<ts.Symbol> {
  let set = reassignedCache.get(file.compilerNode);
  if (!set) {
    set = new Set();
    for (const id of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const symbol = isReassigned(id) ? id.getSymbol()?.compilerSymbol : undefined;
      if (symbol) set.add(symbol);
    }
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
