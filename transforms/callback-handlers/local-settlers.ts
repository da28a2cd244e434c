import { Node, SyntaxKind, type Identifier } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { isAsyncLibraryCall } from "./async-library.js";
import { identifiersReferringTo, type Problem } from "./sites.js";

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
  return identifiersReferringTo(fn, Node.isFunctionDeclaration(f) ? f : nameNode.getParentOrThrow(), nameNode);
}

/** The `async` library's collection functions: `(collection, [limit,] iteratee(item, [key,] callback), final)`. */
const COLLECTION_METHODS = new Set([
  "map", "mapSeries", "mapLimit", "each", "eachSeries", "eachLimit", "forEach", "forEachSeries", "forEachLimit",
  "eachOf", "eachOfSeries", "eachOfLimit", "forEachOf", "forEachOfSeries", "forEachOfLimit",
  "mapValues", "mapValuesSeries", "mapValuesLimit", "concat", "concatSeries", "concatLimit",
]);

/**
 * Continuations: callback parameters that do not answer the invocation themselves but lead to an answer,
 * in a handler whose every answer is `context.succeed/fail/done` (which answered at once in the old
 * runtime, first call wins, exactly like resolve/reject; redshift-loader's `loadCluster`):
 * - the callback of an `async` library iteratee that answers the invocation on some path
 *   (`async.map(items, (item, callback) => load(item, callback), final)`), when the final callback
 *   answers too: calling it hands the item on to the final callback, which the path checks follow as a
 *   settler of its own;
 * - the last parameter of a named function of the handler that answers (`function load(item, callback)`),
 *   when every reference to that function is a call passing a continuation there.
 * Each is followed only when every use of it is a call or a hand-on as an argument (not stored, tested or
 * reassigned). Their calls and hand-ons count as settling for the every-path checks (they are never
 * rewritten): a path that calls none of them, and does not answer, is still reported.
 */
export interface Continuations {
  /** The iteratees whose answers are followed to the final callback (not reported as answering once per item). */
  iteratees: Set<FunctionLike>;
  /** Every call `callback(...)` (the callee identifier) and hand-on `db.get(id, callback)` of a continuation. */
  refs: Identifier[];
}

export function findContinuations(fn: FunctionLike, local: LocalSettlers, mentions: (node: Node) => boolean): Continuations {
  const iteratees = new Set<FunctionLike>();
  const params = new Map<Node, Identifier[]>();
  /** The uses of a function's last parameter when each is a call of it or a hand-on as an argument. */
  const followable = (f: FunctionLike): { param: Node; refs: Identifier[] } | undefined => {
    const param = f.getParameters().at(-1);
    if (!param || param.isRestParameter() || !Node.isIdentifier(param.getNameNode())) return undefined;
    const refs = referencesToParam(f, param);
    const used = refs.every((ref) => {
      const parent = ref.getParent();
      return Node.isCallExpression(parent) && (parent.getExpression() === ref || parent.getArguments().includes(ref));
    });
    return used ? { param, refs } : undefined;
  };
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !COLLECTION_METHODS.has(callee.getName())) continue;
    const args = call.getArguments();
    const [iteratee, final] = [args.at(-2), args.at(-1)];
    if (args.length < 3 || !iteratee || !final || !isFunctionLike(iteratee) || !isFunctionLike(final)) continue;
    if (!mentions(iteratee) || !mentions(final) || iteratee.getParameters().length < 2 || !isAsyncLibraryCall(call)) continue;
    const use = followable(iteratee);
    if (!use) continue;
    iteratees.add(iteratee);
    params.set(use.param, use.refs);
  }
  // Named functions whose every call passes a continuation as their last argument, to a fixpoint.
  const isContinuation = (arg: Node | undefined): boolean =>
    !!arg && Node.isIdentifier(arg) && [...params.values()].some((refs) => refs.includes(arg));
  for (let grown = true; grown && params.size > 0; ) {
    grown = false;
    for (const named of local.named) {
      const use = followable(named);
      if (!use || params.has(use.param)) continue;
      const index = named.getParameters().length - 1;
      const calls = referencesOf(fn, named);
      const passes = calls.length > 0 && calls.every((ref) => {
        const parent = ref.getParent();
        return Node.isCallExpression(parent) && parent.getExpression() === ref && isContinuation(parent.getArguments()[index]);
      });
      if (passes) {
        params.set(use.param, use.refs);
        grown = true;
      }
    }
  }
  return { iteratees, refs: [...params.values()].flat() };
}

/** The references to a parameter inside its function (its parameter list included), by symbol. */
function referencesToParam(f: FunctionLike, param: import("ts-morph").ParameterDeclaration): Identifier[] {
  return identifiersReferringTo(f, param, param.getNameNode() as Identifier);
}
