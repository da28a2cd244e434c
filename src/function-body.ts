import { Node, SyntaxKind, type Statement } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "./handlers/entry-point.js";

/** Statements that belong to this function's own flow (not to functions or classes nested in it). */
export function ownStatements(fn: FunctionLike): Statement[] {
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return [];
  const out: Statement[] = [];
  body.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) {
      traversal.skip();
      return;
    }
    if (Node.isStatement(node)) out.push(node);
    if (Node.isExpression(node)) traversal.skip();
  });
  return out;
}

/** Return statements of this function's own flow inside `container`. */
export function ownReturns(container: Node): Node[] {
  const out: Node[] = [];
  container.forEachDescendant((node, traversal) => {
    if (isFunctionLike(node) || Node.isClassDeclaration(node) || Node.isClassExpression(node)) traversal.skip();
    else if (Node.isReturnStatement(node)) out.push(node);
  });
  return out;
}

/** The position where `async ` goes to make a function async. */
export function asyncInsertionPoint(fn: FunctionLike): number {
  if (Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn)) {
    return fn.getFirstChildByKindOrThrow(SyntaxKind.FunctionKeyword).getStart();
  }
  if (Node.isMethodDeclaration(fn)) return fn.getNameNode().getStart();
  const typeParams = fn.getTypeParameters();
  return typeParams.length > 0 ? typeParams[0].getStart() - 1 : fn.getStart();
}

/** The identifier a function is known by in its file, if it has one (declaration or `const x =`). */
export function nameNodeOf(fn: FunctionLike): Node | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getNameNode();
  let holder = fn.getParent();
  while (holder && (Node.isParenthesizedExpression(holder) || Node.isAsExpression(holder) || Node.isSatisfiesExpression(holder))) {
    holder = holder.getParent();
  }
  if (holder && Node.isVariableDeclaration(holder)) return holder.getNameNode();
  return undefined;
}
