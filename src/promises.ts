import { Node, type Type } from "ts-morph";

/** The finding for a statement whose type question the checker could not answer. */
export const CHECKER_FAILED = "the type checker failed on this expression";

/**
 * Whether an error is the checker itself failing rather than a bug of ours: TypeScript 6 overflows
 * its stack on some expressions (`wrapNode<typeof node.getNextNode<any>>(node.getNextNode)`,
 * microsoft/TypeScript#63441). Files nested too deeply are refused before analysis (run.ts), so a
 * stack overflow during a transform is the checker's, and it costs the one statement that asked.
 */
export function isCheckerFailure(error: unknown): boolean {
  return error instanceof RangeError;
}

/**
 * The checker's answer about an expression's value: a promise-like, an array of them, an array of
 * them or nothing (`| undefined`), an array of them or something else (`Promise<void> |
 * Promise<void>[]`, `T | Promise<T>[]`), not one, or unknown (`any`).
 */
export type PromiseKind = "promise" | "promise-array" | "optional-promise-array" | "mixed-promise-array" | "none" | "unknown";

/** Ask the checker what an expression evaluates to, as far as settling is concerned. */
export function promiseKindOf(expr: Node): PromiseKind {
  const type = expr.getType();
  if (type.isAny() || type.isUnknown()) return "unknown";
  if (isArrayOfPromises(type, expr)) return "promise-array";
  // A union with an array of promises among other values: awaiting it would not wait when it is the array.
  const members = type.isUnion() ? type.getUnionTypes() : [];
  if (members.some((t) => isArrayOfPromises(t, expr))) {
    // `Promise<void>[] | undefined`: Promise.all would throw on the undefined, so it needs `?? []`.
    const others = members.filter((t) => !isArrayType(t));
    return others.every(isNullish) ? "optional-promise-array" : "mixed-promise-array";
  }
  if (isPromiseLike(type, expr)) return "promise";
  return "none";
}

/**
 * Promise, PromiseLike, or any object with a callable `then` (custom thenables, lazy query
 * builders); for unions and intersections, any member that is one.
 */
export function isPromiseLike(type: Type, at: Node): boolean {
  if (type.isUnion()) return type.getUnionTypes().some((t) => isPromiseLike(t, at));
  if (type.isIntersection()) return type.getIntersectionTypes().some((t) => isPromiseLike(t, at));
  if (type.isAny() || type.isUnknown() || type.isNull() || type.isUndefined()) return false;
  const then = type.getProperty("then");
  if (!then) return false;
  // A `then` that takes no callback (`then(x: number)`) is not the thenable protocol: awaiting it would not wait.
  return then.getTypeAtLocation(at).getCallSignatures().some((signature) => {
    const first = signature.getParameters()[0];
    return first !== undefined && isCallable(first.getTypeAtLocation(at));
  });
}

function isCallable(type: Type): boolean {
  if (type.isUnion()) return type.getUnionTypes().some(isCallable);
  return type.isAny() || type.getApparentType().getCallSignatures().length > 0;
}

/** Arrays, readonly arrays and tuples whose elements are promise-like, also through unions and branded intersections. */
export function isArrayOfPromises(type: Type, at: Node): boolean {
  // `T extends Promise<number>[]`: what the constraint allows.
  const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
  if (constraint) return isArrayOfPromises(constraint, at);
  // Every member must be an array (Promise.all takes no `undefined`), one at least of promises.
  if (type.isUnion()) {
    const members = type.getUnionTypes();
    return members.every(isArrayType) && members.some((t) => isArrayOfPromises(t, at));
  }
  if (type.isIntersection()) return type.getIntersectionTypes().some((t) => isArrayOfPromises(t, at));
  if (type.isTuple()) return type.getTupleElements().some((t) => isPromiseLike(t, at));
  const element = type.isArray()
    ? type.getArrayElementType()
    : type.getSymbol()?.getName() === "ReadonlyArray"
      ? type.getTypeArguments()[0]
      : undefined;
  return element !== undefined && isPromiseLike(element, at);
}

function isNullish(type: Type): boolean {
  return type.isNull() || type.isUndefined();
}

/** Whether an expression's type is an array (so `.forEach` can become `.map`). */
export function isArrayType(type: Type): boolean {
  const constraint = type.isTypeParameter() ? type.getConstraint() : undefined;
  if (constraint) return isArrayType(constraint);
  return type.isArray() || type.isTuple() || type.getSymbol()?.getName() === "ReadonlyArray";
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
  const declaration = expr.getProject().getTypeChecker().getResolvedSignature(expr)?.getDeclaration();
  return (
    declaration !== undefined &&
    (Node.isFunctionDeclaration(declaration) ||
      Node.isFunctionExpression(declaration) ||
      Node.isArrowFunction(declaration) ||
      Node.isMethodDeclaration(declaration)) &&
    declaration.isAsync()
  );
}
