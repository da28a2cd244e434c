import { Node, SyntaxKind, type Statement } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { classifyStatement, type Floating } from "../floating-promises/classify.js";
import { classifyPendingVariable } from "../floating-promises/pending-variables.js";
import type { Problem } from "./sites.js";
import { isTypedError } from "../callback-apis/match.js";
import { whyAwaitWouldHang } from "../../src/await-safety.js";
import { ownStatements } from "../../src/function-body.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { requiredModuleOf } from "../../src/imports.js";
import { declarationsOf, resolvedDeclaration } from "../../src/types/index.js";

const TIMERS = /^(setTimeout|setInterval|setImmediate|process\.nextTick|(globalThis|global)\.(setTimeout|setInterval|setImmediate))$/;
const ERROR_PARAM = /^_?(err|error|er)$/i;

const WAITED = "the old runtime waited for the event loop to empty before it answered";

/**
 * Work a callback-style handler starts without waiting for it: the old runtime still waited for it
 * (after `callback(null, x)` it answered only once the event loop was empty), an async handler does
 * not. Promise-like statements are returned to be awaited where the code becomes async
 * (`awaitable`), and reported where it cannot (inside the promise a handler is wrapped in).
 * Timers and node-style callback calls are returned apart (`callbackWork`, not in `problems`): the
 * caller reports them, unless callback-apis, later in the same run, takes them over (cooperate.ts).
 * Calls of unknown type are left to floating-promises, which reports them.
 */
export function findFloatingWork(
  statements: Statement[],
  mentions: (node: Node) => boolean,
  canAwait: boolean,
  ctx: TransformContext,
  /** The old runtime waited for the event loop (Lambda); false: the answer ended the invocation at once (Azure v3). */
  waited = true,
  /**
   * Also HTTP requests and the work of the project's own functions a statement calls: for a handler whose
   * answer waited for the event loop (it calls back, or never answers). Where every answer is a
   * context.succeed/fail/done, which answered at once, that work escaped the old runtime just as it does
   * the promise (the handler's own callback calls are reported all the same, as before).
   */
  followCalls = false,
): { floating: Floating[]; problems: Problem[]; callbackWork: Problem[] } {
  const floating: Floating[] = [];
  const problems: Problem[] = [];
  const callbackWork: Problem[] = [];
  for (const statement of statements) {
    if (mentions(statement) || ctx.isIgnored(statement)) continue;
    if (Node.isExpressionStatement(statement)) {
      const expr = statement.getExpression();
      const why = whyUnawaitable(expr, followCalls);
      if (why) {
        // Without the wait it escaped before as it does after: left to the later passes.
        if (waited) callbackWork.push({ node: statement, reason: reasonOf(why) });
        continue;
      }
      const verdict = classifyStatement(statement);
      // `event.Records.forEach(processRecord)` with an async processRecord on an untyped receiver: promises
      // for certain, which floating-promises only notes. The old runtime's wait covered them.
      if (waited && verdict && "report" in verdict && verdict.report.startsWith("forEach with an async callback")) {
        problems.push({ node: statement, reason: `${verdict.report}, and the promises it starts are work ${WAITED}, an async handler does not: await them (\`await Promise.all(list.map(fn))\` when it is an array) and run settle again` });
        continue;
      }
      const hangs = verdict && "floating" in verdict ? whyAwaitWouldHang(verdict.floating.what, statement, verdict.floating.work?.expr ?? expr) : undefined;
      if (hangs) problems.push({ node: statement, reason: hangs });
      else if (verdict && "floating" in verdict) {
        if (canAwait) floating.push(verdict.floating);
        else if (waited) problems.push({ node: statement, reason: `${verdict.floating.what} started here: ${WAITED}, and inside a promise wrapper it would escape: await it before calling back (make the function around it async)` });
        else problems.push({ node: statement, reason: `${verdict.floating.what} started here, inside the promise wrapper the conversion needs, would still escape: await it before answering (make the function around it async)` });
      }
    } else if (Node.isVariableStatement(statement)) {
      for (const decl of statement.getDeclarations()) {
        const init = decl.getInitializer();
        const why = init && whyUnawaitable(init, followCalls);
        if (why) {
          if (waited) callbackWork.push({ node: decl, reason: reasonOf(why) });
          continue;
        }
        const verdict = classifyPendingVariable(decl);
        if (verdict && "floating" in verdict && waited) {
          problems.push({ node: decl, reason: `promise stored in \`${decl.getName()}\` and never awaited: ${WAITED}; await it before converting` });
        }
      }
    }
  }
  return { floating, problems, callbackWork };
}

/** What starts the work, and (for work a project function starts) the fix that names that function. */
interface Unawaited {
  /** "… is started here …", as the handler's own statement starts it. */
  why: string;
  http?: boolean;
  /** The project function whose own flow starts it (the outermost one the handler calls), and where it is declared. */
  via?: { name: string; where: string };
}

function reasonOf({ why, http, via }: Unawaited): string {
  const what = via ? `${why.replace(/ here( \(|$)/, "$1")} in ${via.name}() (${via.where}), which this call runs` : why;
  const fix = via
    ? `make ${via.name}() return a promise of that work (settled where the work calls back) and await it here`
    : http
      ? "make it a promise that settles when the response has ended (or the request failed) and await it"
      : "make it a promise and await it";
  return `${what}: ${WAITED}, an async handler does not; ${fix}`;
}

/** Array methods that call their function argument before they return (synchronous iteration). */
export const ARRAY_CALLBACKS = new Set(["forEach", "map", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap"]);
const HTTP_MODULE = /^(?:node:)?(https?)$/;

/**
 * Timers, node-style callback calls (`s3.putObject(params, (err) => ...)`), HTTP requests of Node's
 * http/https modules, and calls of the project's own synchronous functions whose own flow starts such
 * work (`store(item)` for `function store(item) { db.put(item, function (err) { … }); }`, also through
 * `items.forEach((item) => store(item))`): work the old runtime waited for.
 */
function whyUnawaitable(expr: Node, followCalls: boolean, seen = new Set<Node>()): Unawaited | undefined {
  if (!Node.isCallExpression(expr)) return undefined;
  const callee = expr.getExpression().getText().replace(/\s+/g, "");
  if (TIMERS.test(callee)) return { why: `a timer is started here (${callee})` };
  const last = expr.getArguments().at(-1);
  if (last && (Node.isArrowFunction(last) || Node.isFunctionExpression(last))) {
    const first = last.getParameters()[0];
    // By name (`err`, untyped JavaScript) or by the API's own type (`(e: Error | null, out) => …`).
    if (first && (ERROR_PARAM.test(first.getName()) || isTypedError(first))) return { why: "work with a node-style callback is started here" };
  }
  if (!followCalls) return undefined;
  const request = httpRequestOf(requestOfChain(expr));
  if (request) return { why: `an HTTP request is started here (${request})`, http: true };
  return workOfProjectFunction(expr, seen);
}

/** The methods of a ClientRequest that return the request, as chained on it: `https.get(url).on("response", …).end()`. */
const REQUEST_CHAIN = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "setTimeout", "setHeader", "setNoDelay", "setSocketKeepAlive", "write", "end"]);

/** `https.get(url).on("response", fn).on("error", fn)`: the call the chain of request methods starts from (the call itself when it is none). */
function requestOfChain(call: Node & { getExpression(): Node }): Node & { getExpression(): Node } {
  let current = call;
  for (;;) {
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !REQUEST_CHAIN.has(callee.getName())) return current;
    const inner = callee.getExpression();
    if (!Node.isCallExpression(inner)) return current;
    current = inner;
  }
}

/**
 * `https.request(…)` / `http.get(…)` with the module bound by require or import, or a request of the `request`
 * package (`request(opts)`, `request.post(url)`, also chained: `request.post(url).form(data)`, whose request is
 * sent without a callback): the callee's text.
 */
function httpRequestOf(call: Node & { getExpression(): Node }): string | undefined {
  const callee = call.getExpression();
  const requestPackage = requestPackageCallOf(call);
  if (requestPackage) return requestPackage;
  if (!Node.isPropertyAccessExpression(callee) || !/^(request|get)$/.test(callee.getName())) return undefined;
  const receiver = callee.getExpression();
  return Node.isIdentifier(receiver) && boundToModule(receiver, HTTP_MODULE) ? callee.getText() : undefined;
}

const REQUEST_PACKAGE = /^request$/;
const REQUEST_VERBS = /^(get|post|put|patch|del|delete|head)$/;

/** `request(…)` / `request.post(…)` of the `request` package, or a method called on one (`.form(…)`, `.on(…)`, `.pipe(…)`). */
function requestPackageCallOf(call: Node & { getExpression(): Node }): string | undefined {
  let inner: Node = call;
  for (;;) {
    if (!Node.isCallExpression(inner)) return undefined;
    const callee = inner.getExpression();
    if (Node.isIdentifier(callee)) return boundToModule(callee, REQUEST_PACKAGE) ? callee.getText() : undefined;
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const receiver = callee.getExpression();
    if (Node.isIdentifier(receiver)) {
      return REQUEST_VERBS.test(callee.getName()) && boundToModule(receiver, REQUEST_PACKAGE) ? callee.getText().replace(/\s+/g, "") : undefined;
    }
    inner = receiver;
  }
}

/** Whether every declaration of the identifier binds a module whose specifier matches, by require or import. */
function boundToModule(id: Node, specifier: RegExp): boolean {
  const declarations = declarationsOf(id);
  return declarations.length > 0 && declarations.every((d) => {
    const node = d.inDeclarationFile ? undefined : d.node();
    if (!node) return false;
    if (Node.isVariableDeclaration(node)) return specifier.test(requiredModuleOf(node) ?? "");
    const importDeclaration = node.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    return (Node.isImportClause(node) || Node.isNamespaceImport(node)) && !!importDeclaration && specifier.test(importDeclaration.getModuleSpecifierValue());
  });
}

/**
 * Work started in the own flow of the function a call runs: a synchronous function of the project called
 * by name, or the function literal handed to an array's iteration method (`ids.forEach((id) => …)`).
 */
function workOfProjectFunction(call: Node & { getExpression(): Node; getArguments(): Node[] }, seen: Set<Node>): Unawaited | undefined {
  const callee = call.getExpression();
  if (Node.isPropertyAccessExpression(callee) && ARRAY_CALLBACKS.has(callee.getName())) {
    const [iteratee] = call.getArguments();
    if (iteratee && (Node.isArrowFunction(iteratee) || Node.isFunctionExpression(iteratee)) && !iteratee.isAsync()) {
      const inner = workInFlowOf(iteratee, seen);
      if (inner) return inner;
    }
    return undefined;
  }
  let fn: FunctionLike | undefined;
  if (Node.isIdentifier(callee)) {
    const declarations = declarationsOf(callee);
    if (declarations.length !== 1 || declarations[0].inDeclarationFile) return undefined;
    fn = functionOfDeclaration(declarations[0].node());
  } else if (Node.isPropertyAccessExpression(callee) && Node.isCallExpression(call)) {
    // `store.save(item)` / `exports.save(item)`: the project function the call resolves to (through requires and exports).
    const resolved = resolvedDeclaration(call);
    fn = resolved && (Node.isFunctionDeclaration(resolved) || Node.isFunctionExpression(resolved) || Node.isArrowFunction(resolved)) ? resolved : undefined;
  }
  if (!fn || fn.getSourceFile().isInNodeModules() || fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) return undefined;
  const inner = workInFlowOf(fn, seen);
  if (!inner) return undefined;
  return { ...inner, via: { name: callee.getText().replace(/\s+/g, ""), where: `${fn.getSourceFile().getBaseName()}:${fn.getStartLineNumber()}` } };
}

function functionOfDeclaration(node: Node | undefined): FunctionLike | undefined {
  if (!node) return undefined;
  if (Node.isFunctionDeclaration(node)) return node;
  if (Node.isVariableDeclaration(node)) {
    const init = node.getInitializer();
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  }
  return undefined;
}

/** The first work a function's own flow starts (its statements, or its expression body), each function followed once. */
function workInFlowOf(fn: FunctionLike, seen: Set<Node>): Unawaited | undefined {
  if (seen.has(fn) || seen.size > 50) return undefined;
  seen.add(fn);
  const body = fn.getBody();
  if (!body) return undefined;
  const exprs: Node[] = [];
  if (!Node.isBlock(body)) exprs.push(body);
  else {
    for (const s of ownStatements(fn)) {
      if (Node.isExpressionStatement(s) || Node.isReturnStatement(s)) {
        const e = s.getExpression();
        if (e) exprs.push(e);
      } else if (Node.isVariableStatement(s)) {
        for (const d of s.getDeclarations()) {
          const init = d.getInitializer();
          if (init) exprs.push(init);
        }
      }
    }
  }
  for (const e of exprs) {
    const why = whyUnawaitable(e, true, seen);
    if (why) return why;
  }
  return undefined;
}
