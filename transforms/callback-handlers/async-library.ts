import { Node, type CallExpression } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { requiredModuleOf } from "../../src/imports.js";
import { declarationNodes } from "../../src/types/index.js";

/** The control-flow libraries whose collection functions take a final callback that runs once. */
const ASYNC_MODULES = new Set(["async", "neo-async"]);

/**
 * `async.map(items, iteratee, (err, results) => ...)`: the final callback runs once, after every
 * iteratee, unlike an Array method's callback (a look-alike by name only). True when `fn` is the last of
 * three or more arguments of a method of a binding of `require("async")` / an import from "async".
 */
export function isAsyncLibraryFinalCallback(fn: FunctionLike, call: CallExpression): boolean {
  const args = call.getArguments();
  if (args.length < 3 || args[args.length - 1] !== fn) return false;
  return isAsyncLibraryCall(call);
}

/** `async.map(...)`, `async.each(...)`: a method of a binding of `require("async")` / an import from "async". */
export function isAsyncLibraryCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = callee.getExpression();
  if (!Node.isIdentifier(receiver)) return false;
  for (const d of declarationNodes(receiver)) {
    if (!d) continue;
    if (Node.isVariableDeclaration(d) && ASYNC_MODULES.has(requiredModuleOf(d) ?? "")) return true;
    const imported = d.getFirstAncestor((a) => Node.isImportDeclaration(a));
    if (imported && Node.isImportDeclaration(imported) && ASYNC_MODULES.has(imported.getModuleSpecifierValue())) return true;
  }
  return false;
}

/**
 * The `async` functions whose iterations (or tasks) run side by side, so that their final callback may run
 * while some are still running: at the first error (`eachOfArrayLike`, `eachOfLimit`: `callback(err)` at once,
 * the others go on), and for the testers and `race` as soon as one item decides the result. Their `Limit`
 * forms too, unless the limit is the literal 1 (then one runs at a time, as in the `Series` forms, `series`,
 * `waterfall`, `reduce`, which are not listed). Each with the number of arguments a call with a final callback has.
 */
const PARALLEL_ARITY = new Map<string, number>([
  ...["each", "forEach", "eachOf", "forEachOf", "map", "mapValues", "filter", "select", "reject", "concat", "flatMap", "groupBy", "sortBy", "times"].map((m) => [m, 3] as const),
  ...["detect", "find", "some", "any", "every", "all"].map((m) => [m, 3] as const),
  ...["parallel", "race", "auto", "autoInject"].map((m) => [m, 2] as const),
]);
/** The parallel functions whose final callback may also run early on success (one item decided the result). */
const DECIDED_EARLY = new Set(["detect", "find", "some", "any", "every", "all", "race"]);

/** The final callback of a parallel `async` function (PARALLEL_ARITY): the call, its method's text, and whether success may come early too. */
export interface ParallelFinal {
  call: CallExpression;
  method: string;
  decidedEarly: boolean;
}

/** `async.map(items, work, fn)`, `async.parallel(tasks, fn)`, `async.eachLimit(items, 5, work, fn)`: fn as that final callback. */
export function parallelFinalOf(fn: FunctionLike): ParallelFinal | undefined {
  const call = fn.getParent();
  return call && Node.isCallExpression(call) ? parallelCallWithFinal(call, fn) : undefined;
}

/** `async.map(items, work, finish)`: `final` (a function or a reference to one) as the final callback of a parallel `async` call. */
export function parallelFinalAt(call: CallExpression, final: Node): ParallelFinal | undefined {
  return parallelCallWithFinal(call, final);
}

/** `async.detect(items, test, callback)`: the callback handed on as the final callback of a parallel function that decides early. */
export function decidesEarlyWith(ref: Node, call: CallExpression): ParallelFinal | undefined {
  const parallel = parallelCallWithFinal(call, ref);
  return parallel?.decidedEarly ? parallel : undefined;
}

function parallelCallWithFinal(call: CallExpression, final: Node): ParallelFinal | undefined {
  const callee = call.getExpression();
  const args = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || args.at(-1) !== final) return undefined;
  const name = callee.getName();
  const limited = name.endsWith("Limit");
  const base = limited ? name.slice(0, -"Limit".length) : name;
  const arity = PARALLEL_ARITY.get(base);
  const unlimited = base === "race" || base === "auto" || base === "autoInject";
  if (arity === undefined || (limited && unlimited)) return undefined;
  // `async.auto(tasks, concurrency, final)` takes its limit without a Limit name.
  const withLimit = limited || (base === "auto" && args.length === 3);
  if (args.length !== arity + (withLimit ? 1 : 0)) return undefined;
  const limit = withLimit ? args[1] : undefined;
  if (limit && Node.isNumericLiteral(limit) && Number(limit.getLiteralValue()) === 1) return undefined;
  if (!isAsyncLibraryCall(call)) return undefined;
  return { call, method: callee.getText().replace(/\s+/g, ""), decidedEarly: DECIDED_EARLY.has(base) };
}

/**
 * Whether `node`, inside the final callback `final`, runs only when its error parameter is null: in the
 * then branch of `if (!err)`, the else branch of `if (err)`, after `if (err) return …;` (a then branch that
 * ends in a return or throw, with no else), or in the false branch of `err ? … : …`.
 */
export function onSuccessPath(node: Node, final: FunctionLike): boolean {
  const param = final.getParameters()[0];
  const nameNode = param?.getNameNode();
  if (!nameNode || !Node.isIdentifier(nameNode)) return false;
  const e = nameNode.getText();
  const failed = new Set([e, `!!${e}`, `${e}!=null`, `${e}!==null`, `${e}!==undefined`, `null!=${e}`]);
  const succeeded = new Set([`!${e}`, `${e}==null`, `${e}===null`, `${e}===undefined`, `null==${e}`]);
  const test = (n: Node) => n.getText().replace(/\s+/g, "");
  const exits = (s: Node): boolean =>
    Node.isReturnStatement(s) || Node.isThrowStatement(s) || (Node.isBlock(s) && s.getStatements().length > 0 && exits(s.getStatements().at(-1)!));
  // Below a nested function that declares the same name (`save(function (err) { if (err) return; … })`), a test reads that one.
  let start = node;
  for (let up = node.getParent(); up && up !== final; up = up.getParent()) {
    if (isFunctionLike(up) && up.getParameters().some((p) => p.getNameNode().getText() === e)) start = up;
  }
  for (let current: Node = start, parent = start.getParent(); parent && current !== final; current = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent)) {
      if (current === parent.getThenStatement() && succeeded.has(test(parent.getExpression()))) return true;
      if (current === parent.getElseStatement() && failed.has(test(parent.getExpression()))) return true;
    }
    if (Node.isConditionalExpression(parent) && current === parent.getWhenFalse() && failed.has(test(parent.getCondition()))) return true;
    if (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) {
      const statements = parent.getStatements();
      const earlier = statements.slice(0, statements.indexOf(current as never));
      if (earlier.some((s) => Node.isIfStatement(s) && !s.getElseStatement() && failed.has(test(s.getExpression())) && exits(s.getThenStatement()))) return true;
    }
  }
  return false;
}
