import { Node, type ClassDeclaration, type FunctionDeclaration, type Identifier, type MethodDeclaration } from "ts-morph";
import { oracleFor, setFallbackOracle, type DeclarationRef, type Nullability, type PromiseKind, type ResultType } from "./oracle.js";
import { createTs6Oracle } from "./ts6.js";

export { CHECKER_FAILED, CheckerFailure, isCheckerFailure, type DeclarationRef, type Nullability, type PromiseKind, type ResultType, type TypeOracle } from "./oracle.js";

// Projects that run.ts did not give an oracle (in-memory Projects, the jscodeshift adapter) ask TypeScript 6.
setFallbackOracle(() => createTs6Oracle());

/** The checker's answer about an expression's value (see TypeOracle.promiseKindOf). */
export function promiseKindOf(expr: Node): PromiseKind {
  return oracleFor(expr.getProject()).promiseKindOf(expr);
}

/** Whether the expression's type is a thenable; false for `any` and `unknown`. */
export function isPromiseLike(expr: Node): boolean {
  return oracleFor(expr.getProject()).isPromiseLike(expr);
}

/** Whether the expression's type is an array, tuple or ReadonlyArray. */
export function isArray(expr: Node): boolean {
  return oracleFor(expr.getProject()).isArray(expr);
}

/** Whether calling the function (or a value of the expression's type) gives a thenable. */
export function returnsPromise(fnOrExpr: Node): boolean {
  return oracleFor(fnOrExpr.getProject()).returnsPromise(fnOrExpr);
}

/** Whether the library method an override replaces returns a promise; undefined when it overrides nothing (see TypeOracle). */
export function baseMethodReturnsPromise(method: MethodDeclaration): boolean | undefined {
  return oracleFor(method.getProject()).baseMethodReturnsPromise(method);
}

/** The name of the symbol of the node's type, if it has one (see TypeOracle.typeSymbolName). */
export function typeSymbolName(node: Node): string | undefined {
  return oracleFor(node.getProject()).typeSymbolName(node);
}

/** The declarations of the node's symbol, `aliased` through imports (see TypeOracle.declarationsOf). */
export function declarationsOf(node: Node, aliased = false): readonly DeclarationRef[] {
  return oracleFor(node.getProject()).declarationsOf(node, aliased);
}

/**
 * ts-morph's `getSymbol()?.getDeclarations() ?? []` through the oracle: one entry per declaration,
 * undefined where TypeScript 7 declares it in a file ts-morph cannot read (its bundled lib files).
 */
export function declarationNodes(node: Node): (Node | undefined)[] {
  return declarationsOf(node).map((d) => d.node());
}

/** The non-nullish members of the node's type by name; undefined for any/unknown (see TypeOracle.typeMemberNames). */
export function typeMemberNames(node: Node): readonly string[] | undefined {
  return oracleFor(node.getProject()).typeMemberNames(node);
}

/** The project declaration of the signature a call resolves to (see TypeOracle.resolvedDeclaration). */
export function resolvedDeclaration(call: Node): Node | undefined {
  return oracleFor(call.getProject()).resolvedDeclaration(call);
}

/** A Promise or a type derived from it, not merely a thenable (see TypeOracle.isPromiseType). */
export function isPromiseType(expr: Node): boolean {
  return oracleFor(expr.getProject()).isPromiseType(expr);
}

/** Whether the expression's type is exactly `undefined` or `void`. */
export function isUndefinedOrVoid(expr: Node): boolean {
  return oracleFor(expr.getProject()).isUndefinedOrVoid(expr);
}

/** Whether the expression's type is `any`. */
export function isAnyType(expr: Node): boolean {
  return oracleFor(expr.getProject()).isAny(expr);
}

/** The `R` of the `Promise<R>` a function typed from outside must return (see TypeOracle.contextualPromiseResult). */
export function contextualPromiseResult(fn: Node): ResultType | undefined {
  return oracleFor(fn.getProject()).contextualPromiseResult(fn);
}

/** Whether the expression can be null or undefined by its type (see TypeOracle.nullability). */
export function nullability(expr: Node): Nullability {
  return oracleFor(expr.getProject()).nullability(expr);
}

/** The expression's type as text (see TypeOracle.typeText). */
export function typeText(expr: Node, enclosing?: Node): string {
  return oracleFor(expr.getProject()).typeText(expr, enclosing);
}

/** Identities of the nodes' symbols, equal when the symbols are (see TypeOracle.symbolKeys). */
export function symbolKeys(nodes: readonly Node[]): unknown[] {
  return nodes.length === 0 ? [] : oracleFor(nodes[0].getProject()).symbolKeys(nodes);
}

/** For each identifier, whether it names the declaration by symbol (see TypeOracle.refersTo). */
export function refersTo(declaration: Node, name: Identifier, ids: readonly Identifier[]): boolean[] {
  return ids.length === 0 ? [] : oracleFor(declaration.getProject()).refersTo(declaration, name, ids);
}

/** ts-morph's isExported()/isDefaultExport(), asked of the oracle (see TypeOracle.isExported). */
export function isExportedBySymbol(declaration: FunctionDeclaration | ClassDeclaration, which: "any" | "default"): boolean {
  return oracleFor(declaration.getProject()).isExported(declaration, which);
}

const PROMISE_STATICS = new Set(["all", "allSettled", "race", "any", "resolve", "reject"]);

/**
 * What the syntax alone proves to be a promise, for code without types: `new Promise(...)`,
 * `Promise.all(...)`, a `.then/.catch/.finally` chain, or a call to an `async` function.
 */
export function isSyntacticPromise(expr: Node): boolean {
  if (Node.isNewExpression(expr)) return expr.getExpression().getText() === "Promise";
  if (!Node.isCallExpression(expr)) return false;
  const callee = expr.getExpression();
  if (Node.isPropertyAccessExpression(callee)) {
    const name = callee.getName();
    if (name === "then" || name === "catch") return true;
    // `x.finally(cb)` is a promise only when `x` is one: on an `any` value it proves nothing.
    if (name === "finally") return isSyntacticPromise(callee.getExpression());
    if (callee.getExpression().getText() === "Promise" && PROMISE_STATICS.has(name)) return true;
  }
  return oracleFor(expr.getProject()).resolvesToAsyncFunction(expr);
}
