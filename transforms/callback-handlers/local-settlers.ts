import { Node, SyntaxKind, type Identifier } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { refersTo } from "../../src/types/index.js";
import type { Problem } from "./sites.js";

/**
 * Named functions declared inside the handler that answer through its callback or context
 * (`function finish(x) { context.succeed(x); }`, `const done = (e) => callback(e);`), directly or
 * through another such function. A declaration starts nothing: such a function answers where it is
 * called or handed on, so those references count as settling calls of their own.
 */
export interface LocalSettlers {
  /** The named functions (their declarations are not where they settle). */
  named: Set<FunctionLike>;
  /** Every call `finish(...)` (the callee identifier) and hand-on `s3.get(p, finish)` of one of them. */
  refs: Identifier[];
  problems: Problem[];
}

export function findLocalSettlers(fn: FunctionLike, marks: Node[]): LocalSettlers {
  const named = new Set<FunctionLike>();
  const refs: Identifier[] = [];
  const problems: Problem[] = [];
  const candidates = fn.getDescendants().filter((n): n is FunctionLike => isFunctionLike(n) && nameOf(n) !== undefined);
  let pending = [...marks];
  while (pending.length > 0) {
    const found: Identifier[] = [];
    for (const candidate of candidates) {
      if (named.has(candidate) || !pending.some((m) => m.getStart() >= candidate.getStart() && m.getEnd() <= candidate.getEnd())) continue;
      named.add(candidate);
      for (const ref of referencesOf(fn, candidate)) {
        const parent = ref.getParentOrThrow();
        const called = Node.isCallExpression(parent) && parent.getExpression() === ref;
        const handed = (Node.isCallExpression(parent) && parent.getArguments().includes(ref)) || handedBound(ref);
        if (called || handed) found.push(ref);
        else problems.push({ node: ref, reason: "a function that answers the invocation is stored or returned here, so settle cannot follow where it is called: call it or pass it directly as an argument, and run settle again" });
      }
    }
    refs.push(...found);
    pending = found;
  }
  return { named, refs, problems };
}

/**
 * `work(p, finish.bind(thisArg, a, b))`: the bound function is handed on as an argument, and it calls
 * `finish` when work calls it back (with the bound arguments first), so it settles where it is handed on.
 * A bound function stored or returned is still not followed.
 */
function handedBound(ref: Identifier): boolean {
  const access = ref.getParent();
  if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== ref || access.getName() !== "bind") return false;
  const bind = access.getParent();
  if (!Node.isCallExpression(bind) || bind.getExpression() !== access || bind.getArguments().some((a) => Node.isSpreadElement(a))) return false;
  const outer = bind.getParent();
  return Node.isCallExpression(outer) && outer.getArguments().includes(bind);
}

/** The name a function is declared under: `function f`, or `const f = function/arrow`. */
function nameOf(f: FunctionLike): Identifier | undefined {
  if (Node.isFunctionDeclaration(f)) return f.getNameNode();
  const parent = f.getParent();
  if (parent && Node.isVariableDeclaration(parent) && parent.getInitializer() === f) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? name : undefined;
  }
  return undefined;
}

/** Identifiers in the handler that refer to the named function (by symbol, so shadowing names are skipped). */
function referencesOf(fn: FunctionLike, f: FunctionLike): Identifier[] {
  const nameNode = nameOf(f)!;
  const declaration = Node.isFunctionDeclaration(f) ? f : nameNode.getParentOrThrow();
  const name = nameNode.getText();
  const candidates = fn.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => {
    if (id === nameNode || id.getText() !== name) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
    return true;
  });
  // By symbol, through the oracle, in one batch.
  const refers = refersTo(declaration, nameNode, candidates);
  return candidates.filter((_, i) => refers[i]);
}
