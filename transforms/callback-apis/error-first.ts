import { Node, SyntaxKind, type CallExpression, type Identifier, type ParameterDeclaration, type Statement } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { declarationNodes, resolvedDeclaration, symbolKeys } from "../../src/types/index.js";

/**
 * Whether a call's callee is a function of the project that is error-first by its implementation
 * (plain JavaScript, where the checker says `any`): its last parameter is only ever called, as
 * `callback(err)` / `callback(null, result)` / `callback()` (`callback("message")` too when another call
 * answers `null` first), exactly once on every path of the
 * function (directly, or in one function literal it hands to a call as that call's last argument,
 * which itself calls back once on every path). Anything else (a throw, a loop, a `try` around the
 * calls, the callback stored or passed on by name, two calls on a path) is not proven: false.
 */
export function isErrorFirstProjectFunction(call: CallExpression): boolean {
  // TypeScript says what a callback takes (and a wrapper written there must be typed): only JavaScript is read for it.
  if (/\.[cm]?tsx?$/.test(call.getSourceFile().getFilePath())) return false;
  // The checker follows the aliases (`exports.put = put`, `const { put } = require("./store")`) to the implementation.
  const declaration = resolvedDeclaration(call);
  if (!declaration || !isFunctionLike(declaration)) return false;
  const fn = declaration;
  if (fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) return false;
  const file = fn.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return false;
  // The callback goes last: the call must hand one in that position.
  if (call.getArguments().length !== fn.getParameters().length) return false;
  let verdict = verdicts.get(fn);
  if (verdict === undefined) verdicts.set(fn, (verdict = callsBackOnce(fn)));
  return verdict;
}

const verdicts = new WeakMap<FunctionLike, boolean>();

function callsBackOnce(fn: FunctionLike): boolean {
  const params = fn.getParameters();
  const callback = params.at(-1);
  if (!callback || !Node.isIdentifier(callback.getNameNode()) || callback.isRestParameter() || callback.hasInitializer()) return false;
  const refs = referencesOf(fn, callback);
  if (refs.length === 0) return false;
  // Every use is a call of it with an error-first first argument.
  let nothingFirst = false;
  let messageFirst = false;
  for (const ref of refs) {
    const call = ref.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== ref) return false;
    const [first] = call.getArguments();
    if (first && isNothing(first)) nothingFirst = true;
    else if (first && isMessage(first)) messageFirst = true;
    else if (first && !isError(first)) return false;
  }
  if (!refs.some((r) => (r.getParent() as CallExpression).getArguments().length > 0)) return false;
  // `callback('Invalid token')` is an error only where the same function answers `callback(null, …)` too.
  if (messageFirst && !nothingFirst) return false;
  return settlesOnce(fn, refs);
}

function isNothing(arg: Node): boolean {
  return Node.isNullLiteral(arg) || (Node.isIdentifier(arg) && arg.getText() === "undefined");
}

/** A string: the error of a callback that answers `null` first elsewhere (the old runtime's habit). */
function isMessage(arg: Node): boolean {
  return Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg) || Node.isTemplateExpression(arg);
}

/** An `err`-like name, a `new ...Error(...)`, or a caught exception. */
function isError(arg: Node): boolean {
  if (Node.isNewExpression(arg)) return /Error$/.test(arg.getExpression().getText());
  if (!Node.isIdentifier(arg)) return false;
  if (/^_?(err|error|er|e)$/i.test(arg.getText())) return true;
  return declarationNodes(arg).some((d) => Node.isVariableDeclaration(d) && Node.isCatchClause(d.getParent()));
}

/** Identifiers in the function that name the parameter (by symbol: shadowing names are skipped). */
function referencesOf(fn: FunctionLike, param: ParameterDeclaration): Identifier[] {
  const name = param.getName();
  const named = (fn.getBody()?.getDescendantsOfKind(SyntaxKind.Identifier) ?? []).filter((id) => {
    if (id.getText() !== name) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
    return true;
  });
  if (named.length === 0) return [];
  const [symbol, ...keys] = symbolKeys([param.getNameNode(), ...named]);
  return named.filter((_, i) => keys[i] === symbol);
}

/** Calls back per path: a count, or "unknown" when a statement is one settle does not follow. */
type Count = number | "unknown";

/**
 * Every path through the function calls back exactly once: directly, or through a call in its own
 * flow whose last argument is a node-style callback literal (error first, which its API calls once)
 * that itself calls back exactly once on every path. A path that can end without an answer (or
 * answer twice) is not a promise of one result.
 */
function settlesOnce(fn: FunctionLike, refs: Identifier[]): boolean {
  const settling = new Set<Node>();
  const inner = new Map<FunctionLike, Set<Node>>();
  for (const ref of refs) {
    const holder = ref.getFirstAncestor((a) => isFunctionLike(a)) as FunctionLike;
    if (holder === fn) settling.add(ref.getParent()!);
    else if (!inner.has(holder)) inner.set(holder, new Set([ref.getParent()!]));
    else inner.get(holder)!.add(ref.getParent()!);
  }
  for (const [literal, calls] of inner) {
    const call = literal.getParent();
    if (!Node.isCallExpression(call) || call.getArguments().at(-1) !== literal || call.getFirstAncestor((a) => isFunctionLike(a)) !== fn) return false;
    // A node-style callback (error first) is called once by its API; `forEach((x) => ...)` and the like are not.
    if (!/^_?(err|error|er|e)$/i.test(literal.getParameters()[0]?.getName() ?? "")) return false;
    if (pathsOf(literal, calls) !== 1) return false;
    settling.add(call);
  }
  return pathsOf(fn, settling) === 1;
}

/** The one count all paths of the function end with, or "unknown". */
function pathsOf(fn: FunctionLike, settling: Set<Node>): Count {
  const body = fn.getBody();
  if (!body) return "unknown";
  if (!Node.isBlock(body)) return settling.has(body) ? 1 : "unknown";
  const { ended, open } = walk(body.getStatements(), [0], settling);
  if (ended === "unknown") return "unknown";
  const all = new Set([...ended, ...open]);
  return all.size === 1 ? [...all][0] : "unknown";
}

interface Walked {
  /** Counts of the paths that returned. */
  ended: number[] | "unknown";
  /** Counts of the paths that go on after the statements. */
  open: number[];
}

function walk(statements: Statement[], counts: number[], settling: Set<Node>): Walked {
  const ended: number[] = [];
  let open = counts;
  for (const statement of statements) {
    if (open.length === 0) break;
    const r = walkStatement(statement, open, settling);
    if (r.ended === "unknown") return r;
    ended.push(...r.ended);
    open = r.open;
  }
  return { ended, open };
}

function walkStatement(statement: Statement, counts: number[], settling: Set<Node>): Walked {
  const plus = (n: number) => counts.map((c) => c + n);
  const settles = (expr: Node | undefined) => (expr && settling.has(expr) ? 1 : 0);
  const mentions = [statement, ...statement.getDescendants()].some((n) => settling.has(n));
  if (Node.isExpressionStatement(statement)) {
    const n = settles(statement.getExpression());
    return n === 0 && mentions ? { ended: "unknown", open: [] } : { ended: [], open: plus(n) };
  }
  if (Node.isReturnStatement(statement)) {
    const n = settles(statement.getExpression());
    return n === 0 && mentions ? { ended: "unknown", open: [] } : { ended: plus(n), open: [] };
  }
  if (Node.isBlock(statement)) return walk(statement.getStatements(), counts, settling);
  if (Node.isIfStatement(statement)) {
    if ([statement.getExpression(), ...statement.getExpression().getDescendants()].some((n) => settling.has(n))) return { ended: "unknown", open: [] };
    const then = walkStatement(statement.getThenStatement(), counts, settling);
    const otherwise = statement.getElseStatement();
    const other = otherwise ? walkStatement(otherwise, counts, settling) : { ended: [], open: counts };
    if (then.ended === "unknown" || other.ended === "unknown") return { ended: "unknown", open: [] };
    return { ended: [...then.ended, ...other.ended], open: [...then.open, ...other.open] };
  }
  // Declarations and other statements that neither call back nor leave the function on their own.
  const leaves = statement.getDescendants().some((n) => (Node.isReturnStatement(n) || Node.isThrowStatement(n)) && !crossesFunction(n, statement));
  if (mentions || leaves || Node.isThrowStatement(statement)) return { ended: "unknown", open: [] };
  return { ended: [], open: counts };
}

/** Whether a nested function lies between the node and the statement that holds it. */
function crossesFunction(node: Node, statement: Node): boolean {
  for (let p = node.getParent(); p && p !== statement; p = p.getParent()) if (isFunctionLike(p)) return true;
  return false;
}
