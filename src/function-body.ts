import { Node, SyntaxKind, ts, type Statement } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "./handlers/entry-point.js";

/** Statements that belong to this function's own flow (not to functions or classes nested in it). */
export function ownStatements(fn: FunctionLike): Statement[] {
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return [];
  // Walked on the compiler's nodes, wrapping only the statements: every transform asks this of
  // every reached function, and wrapping each node on the way was a good share of their time.
  const wrapping = body as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node };
  const out: Statement[] = [];
  const visit = (node: ts.Node): void => {
    const kind = kindFacts(node.kind);
    if (kind.boundary) return;
    if (kind.statement) out.push(wrapping._getNodeFromCompilerNode(node) as Statement);
    if (!kind.expression) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body.compilerNode, visit);
  return out;
}

/** A nested function or class, whose code is not the enclosing function's own flow. */
export function isFlowBoundary(node: ts.Node): boolean {
  return kindFacts(node.kind).boundary;
}

interface KindFacts {
  /** A nested function or class: its statements are not this function's. */
  boundary: boolean;
  statement: boolean;
  expression: boolean;
}

const kinds = new Map<ts.SyntaxKind, KindFacts>();

/** What ts-morph's Node.isStatement / isExpression / isFunctionLike say of a kind (they read only the kind). */
function kindFacts(kind: ts.SyntaxKind): KindFacts {
  let facts = kinds.get(kind);
  if (!facts) {
    const probe = { getKind: () => kind } as unknown as Node;
    facts = {
      boundary: isFunctionLike(probe) || Node.isClassDeclaration(probe) || Node.isClassExpression(probe),
      statement: Node.isStatement(probe),
      expression: Node.isExpression(probe),
    };
    kinds.set(kind, facts);
  }
  return facts;
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

/** The outermost function around `node` (the one whose own flow holds it at the top level), or undefined. */
export function outermostFunction(node: Node): FunctionLike | undefined {
  let outer: FunctionLike | undefined;
  for (let fn = node.getFirstAncestor(isFunctionLike); fn; fn = fn.getFirstAncestor(isFunctionLike)) outer = fn as FunctionLike;
  return outer;
}
