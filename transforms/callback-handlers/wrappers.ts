import { Node, SyntaxKind, type CallExpression, type SourceFile, type ts } from "ts-morph";
import { isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";
import { nameNodeOf, ownReturns, ownStatements } from "../../src/function-body.js";
import { eolOf, indentOf } from "../../src/layout.js";
import { bindingsOf, scanOnce } from "../../src/handlers/bindings.js";
import { packageFactsFor } from "../../src/handlers/package-facts.js";
import { declarationNodes, resolvedDeclaration, symbolKeys } from "../../src/types/index.js";
import { freshName, quoteOf, statementRemoval } from "./plan.js";
import { referencesTo, type Usage } from "./sites.js";

/** Packages whose exported handler is `(event, context, callback)`, refused by Node.js 24 at init. */
const THREE_PARAMETER_HANDLERS = ["@vendia/serverless-express", "@codegenie/serverless-express"];

/** `awslambda.streamifyResponse(fn)`: streaming handlers keep their three parameters on Node.js 24. */
export function isStreaming(fn: FunctionLike): boolean {
  const call = wrapperCallOf(fn);
  if (call && isStreamify(call)) return true;
  const name = nameNodeOf(fn)?.getText();
  return !!name && streamifiedNames(fn.getSourceFile()).has(name);
}

/** The texts of the arguments of the file's `streamifyResponse(...)` calls. */
function streamifiedNames(file: SourceFile): Set<string> {
  return scanOnce(file, "streamify", () => {
    const names = new Set<string>();
    // isStreamify matches the callee's source text, so a file without the name has no such call.
    if (!file.getFullText().includes("streamifyResponse")) return names;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (!isStreamify(call)) continue;
      for (const arg of call.getArguments()) {
        const text = unwrapExpression(arg)?.getText();
        if (text !== undefined) names.add(text);
      }
    }
    return names;
  });
}

function isStreamify(call: CallExpression): boolean {
  return /(^|\.)streamifyResponse$/.test(call.getExpression().getText().replace(/\s+/g, ""));
}

/** The call a function literal is handed to (`middy(fn)`, `wrap((e, c, cb) => ...)`). */
export function wrapperCallOf(fn: FunctionLike): CallExpression | undefined {
  let node: Node = fn;
  let parent = node.getParent();
  while (parent && (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isSatisfiesExpression(parent))) {
    node = parent;
    parent = node.getParent();
  }
  return parent && Node.isCallExpression(parent) && parent.getArguments().includes(node) ? parent : undefined;
}

/**
 * What a wrapper declared in the project returns: its argument unchanged ("identity": the inner
 * function is what Lambda calls), a function literal of some arity, or something settle cannot tell.
 */
export function wrapperResult(call: CallExpression): { kind: "identity" } | { kind: "function"; arity: number; at: Node } | { kind: "unknown"; local: boolean } {
  const declaration = resolvedDeclaration(call);
  if (!declaration || !isFunctionLike(declaration) || !declaration.getBody()) return { kind: "unknown", local: false };
  const file = declaration.getSourceFile();
  if (file.isDeclarationFile() || file.isInNodeModules()) return { kind: "unknown", local: false };
  const param = declaration.getParameters()[0]?.getName();
  const body = declaration.getBody()!;
  const results = Node.isBlock(body)
    ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor(isFunctionLike) === declaration).map((r) => r.getExpression())
    : [body];
  if (results.length !== 1 || !results[0]) return { kind: "unknown", local: true };
  const result = unwrapExpression(results[0])!;
  if (Node.isIdentifier(result) && result.getText() === param) return { kind: "identity" };
  if (Node.isArrowFunction(result) || Node.isFunctionExpression(result)) return { kind: "function", arity: arityOf(result), at: result };
  return { kind: "unknown", local: true };
}

/** A function's `length` at run time: the parameters before the first default or rest parameter. */
export function arityOf(fn: FunctionLike): number {
  let n = 0;
  for (const p of fn.getParameters()) {
    if (p.hasInitializer() || p.isRestParameter()) break;
    n++;
  }
  return n;
}

/**
 * `awsServerlessExpress.proxy(server, event, context)`: without a resolution mode, aws-serverless-express
 * answers through `context.succeed`, which Node.js 24 does not have.
 */
export function findContextSucceedProxies(fn: FunctionLike): CallExpression[] {
  const bindings = bindingsOf(fn.getSourceFile(), ["aws-serverless-express"]);
  if (bindings.size === 0) return [];
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression().getText().replace(/\s+/g, "");
    const viaNamespace = [...bindings.keys()].some((b) => callee === `${b}.proxy`);
    return (viaNamespace || (callee === "proxy" && bindings.has("proxy"))) && call.getArguments().length < 4;
  });
}

/**
 * Exports such as `export const handler = serverlessExpress({ app })`: no function literal to
 * rewrite, and a handler of three parameters that Node.js 24 refuses.
 */
export function findThreeParameterExports(file: SourceFile): { node: CallExpression; module: string }[] {
  const bindings = bindingsOf(file, THREE_PARAMETER_HANDLERS);
  if (bindings.size === 0) return [];
  const out: { node: CallExpression; module: string }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression().getText();
    const module = bindings.get(callee) ?? bindings.get(callee.replace(/\.configure$/, ""));
    if (module && isExportedValue(call)) out.push({ node: call, module });
  }
  return out;
}

/** `export const x = call`, `export default call`, `exports.x = call`, `module.exports = call`. */
function isExportedValue(call: Node): boolean {
  const parent = call.getParent();
  if (!parent) return false;
  if (Node.isVariableDeclaration(parent)) return !!parent.getVariableStatement()?.hasExportKeyword();
  if (Node.isExportAssignment(parent)) return true;
  if (Node.isBinaryExpression(parent) && parent.getRight() === call) {
    return /^(module\.)?exports(\.[\w$]+)?$/.test(parent.getLeft().getText().replace(/\s+/g, ""));
  }
  return false;
}

/** Whether the file binds a wrapper whose handlers settle rewrites (cheap: a text check first, cached per file). */
export function bindsKnownWrapper(file: SourceFile): boolean {
  return bindingsOf(file, [...THREE_PARAMETER_HANDLERS, "aws-serverless-express"]).size > 0;
}

/** A text edit in the original file. */
export interface WrapperEdit {
  start: number;
  end: number;
  text: string;
}

/** The resolution modes of aws-serverless-express's `proxy` that answer through context.succeed or the callback. */
const LEGACY_PROXY_MODES = new Set(["CONTEXT_SUCCEED", "CALLBACK"]);

/**
 * A handler whose only legacy work is aws-serverless-express's `proxy(server, event, context[, mode[, callback]])`,
 * answered through context.succeed or the callback: the same call in "PROMISE" mode, its `.promise`
 * returned, and the callback parameter dropped. Undefined when the handler does something else with
 * its context or callback, or the call is not what the handler returns (the caller then reports it).
 */
export function planProxyHandler(fn: FunctionLike, usage: Usage): WrapperEdit[] | undefined {
  const proxies = findProxyCalls(fn);
  if (proxies.length !== 1) return undefined;
  const [call] = proxies;
  const args = call.getArguments();
  const mode = args[3];
  if (args.length < 3 || args.length > 5 || (mode && !Node.isStringLiteral(mode))) return undefined;
  if (mode && !LEGACY_PROXY_MODES.has(mode.getLiteralText())) return undefined;
  const params = fn.getParameters();
  if (params.length > 3) return undefined;
  // The callback may only be the call's own (CALLBACK mode); the context may only be handed to the call.
  const callbackRefs = usage.handoffs.filter((h) => h.call === call && call.getArguments().indexOf(h.ref) === 4);
  if (usage.sites.length > 0 || usage.problems.length > 0 || usage.stores.length > 0 || usage.handoffs.length !== callbackRefs.length) return undefined;
  if (params[2] && referencesTo(fn, params[2]).length !== callbackRefs.length) return undefined;
  const edits: WrapperEdit[] = [];
  const quote = quoteOf(fn.getSourceFile());
  const body = fn.getBody();
  const rewritten = { start: args[2].getEnd(), end: call.getEnd(), text: `, ${quote}PROMISE${quote}).promise` };
  if (body && !Node.isBlock(body) && unwrapExpression(body) === call) {
    edits.push(rewritten);
  } else {
    const statement = call.getParent();
    const own = ownStatements(fn);
    if (!Node.isExpressionStatement(statement) || own.at(-1) !== statement || statement.getParent() !== body) return undefined;
    edits.push({ start: statement.getStart(), end: statement.getStart(), text: "return " }, rewritten);
  }
  return [...edits, ...withoutCallback(fn, usage)];
}

/**
 * `(event, context, callback) => instance(event, context, callback)` where `instance` is a
 * serverless-express instance in its default "PROMISE" mode (`serverlessExpress({ app })` itself, or
 * a variable only ever set to one): the instance ignores the callback and answers through its
 * promise, so the callback parameter and argument go. Undefined when the callback is used otherwise.
 */
export function planInstanceHandoff(fn: FunctionLike, usage: Usage): WrapperEdit[] | undefined {
  const params = fn.getParameters();
  if (params.length !== 3 || usage.sites.length > 0 || usage.problems.length > 0 || usage.stores.length > 0 || usage.handoffs.length === 0) return undefined;
  const calls = usage.handoffs.map((h) => h.call);
  if (usage.handoffs.some((h) => h.call.getArguments().length !== 3 || h.call.getArguments()[2] !== h.ref || !isPromiseModeInstance(h.call.getExpression()))) return undefined;
  if (referencesTo(fn, params[2]).length !== usage.handoffs.length) return undefined;
  // In TypeScript the instance is typed as a Handler, whose third parameter is required: passed as undefined, as JavaScript does.
  const typed = /\.[cm]?tsx?$/.test(fn.getSourceFile().getFilePath());
  const edits = calls.map((call): WrapperEdit => {
    const args = call.getArguments();
    return typed ? { start: args[2].getStart(), end: args[2].getEnd(), text: "undefined as never" } : { start: args[1].getEnd(), end: args[2].getEnd(), text: "" };
  });
  return [...edits, ...withoutCallback(fn, usage)];
}

/** The handler's callback parameter (if any) and its `callbackWaitsForEmptyEventLoop` statements removed. */
function withoutCallback(fn: FunctionLike, usage: Usage): WrapperEdit[] {
  const params = fn.getParameters();
  const edits: WrapperEdit[] = params[2] ? [{ start: params[1].getEnd(), end: params[2].getEnd(), text: "" }] : [];
  for (const flag of usage.waitFlags) edits.push({ ...statementRemoval(flag), text: "" });
  return edits;
}

/**
 * `serverlessExpress({ app })` in the default mode, a variable of the file only ever set to one, or such a
 * variable set to what a function of the file gives back (`const server = await bootstrap();`, where
 * `bootstrap` returns only such instances, as NestJS starters cache theirs).
 */
function isPromiseModeInstance(callee: Node, seen = new Set<Node>()): boolean {
  const expr = unwrapExpression(callee);
  if (!expr || seen.has(expr) || seen.size > 20) return false;
  seen.add(expr);
  if (Node.isCallExpression(expr)) return isPromiseModeConfigure(expr);
  if (!Node.isIdentifier(expr)) return false;
  const declarations = declarationNodes(expr);
  const variable = declarations.length === 1 ? declarations[0] : undefined;
  if (!variable || !Node.isVariableDeclaration(variable)) return false;
  const name = variable.getNameNode();
  if (!Node.isIdentifier(name)) return false;
  const writes: Node[] = [];
  const init = variable.getInitializer();
  if (init) writes.push(init);
  // Assignments to the same variable, by symbol, in one batch through the oracle.
  const assignments = variable
    .getSourceFile()
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .filter((b) => Node.isIdentifier(b.getLeft()) && b.getLeft().getText() === name.getText() && isAssignment(b.getOperatorToken().getKind()));
  const [symbol, ...lefts] = symbolKeys([name, ...assignments.map((b) => b.getLeft())]);
  for (const [i, b] of assignments.entries()) {
    if (symbol !== undefined && lefts[i] === symbol) {
      if (b.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
      writes.push(b.getRight());
    }
  }
  seen.add(variable);
  return writes.length > 0 && writes.every((w) => isPromiseModeValue(w, seen));
}

const isAssignment = (kind: SyntaxKind) => kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;

/** A value that is a promise-mode instance: the configure call, a variable only set to one, or `(await) f()` of a function returning only those. */
function isPromiseModeValue(w: Node, seen: Set<Node>): boolean {
  let value = unwrapExpression(w);
  const awaited = !!value && Node.isAwaitExpression(value);
  if (value && Node.isAwaitExpression(value)) value = unwrapExpression(value.getExpression());
  if (!value) return false;
  if (Node.isBinaryExpression(value) && !awaited) {
    // `server = server ?? (await bootstrap())` (the NestJS docs' handler): the variable's own earlier value, an
    // instance by its other writes, or the right side when it was still unset.
    const op = value.getOperatorToken().getKind();
    if (op !== SyntaxKind.QuestionQuestionToken && op !== SyntaxKind.BarBarToken) return false;
    const left = unwrapExpression(value.getLeft());
    const own = !!left && Node.isIdentifier(left) && declarationNodes(left).some((d) => !!d && seen.has(d));
    return (own || isPromiseModeValue(value.getLeft(), seen)) && isPromiseModeValue(value.getRight(), seen);
  }
  if (Node.isIdentifier(value)) return isPromiseModeInstance(value, seen);
  if (!Node.isCallExpression(value)) return false;
  if (isPromiseModeConfigure(value)) return true;
  const fn = localFunctionOf(value);
  // An async function gives back a promise of its result: only awaited is that the instance.
  if (!fn || seen.has(fn) || (fn.isAsync() && !awaited) || (!Node.isArrowFunction(fn) && fn.isGenerator())) return false;
  seen.add(fn);
  const body = fn.getBody();
  if (!body) return false;
  const results = Node.isBlock(body) ? ownReturns(body).map((r) => (r as import("ts-morph").ReturnStatement).getExpression()) : [body];
  return results.length > 0 && results.every((r) => !!r && isPromiseModeValue(r, seen));
}

/** The function of the file a call calls by name (a function declaration, or a variable only set to a function). */
function localFunctionOf(call: CallExpression): FunctionLike | undefined {
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee)) return undefined;
  const declarations = declarationNodes(callee);
  const declaration = declarations.length === 1 ? declarations[0] : undefined;
  if (!declaration || declaration.getSourceFile() !== call.getSourceFile()) return undefined;
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== "const") return undefined;
  const init = unwrapExpression(declaration.getInitializer());
  return init && isFunctionLike(init) ? init : undefined;
}

/** A serverless-express `configure` call whose options are a plain object literal without a mode other than "PROMISE". */
function isPromiseModeConfigure(call: CallExpression): boolean {
  const callee = call.getExpression().getText();
  const bindings = bindingsOf(call.getSourceFile(), THREE_PARAMETER_HANDLERS);
  if (!bindings.has(callee) && !bindings.has(callee.replace(/\.configure$/, ""))) return false;
  const [options, ...rest] = call.getArguments();
  if (rest.length > 0 || !options || !Node.isObjectLiteralExpression(options)) return false;
  return options.getProperties().every((p) => {
    if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p) && !Node.isMethodDeclaration(p)) return false;
    if (p.getName().replace(/^["']|["']$/g, "") !== "resolutionMode") return true;
    const value = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    return !!value && Node.isStringLiteral(value) && value.getLiteralText() === "PROMISE";
  });
}

/** Calls of aws-serverless-express's `proxy` in a function (through the module object or a named binding). */
function findProxyCalls(fn: FunctionLike): CallExpression[] {
  const bindings = bindingsOf(fn.getSourceFile(), ["aws-serverless-express"]);
  if (bindings.size === 0) return [];
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression().getText().replace(/\s+/g, "");
    return [...bindings.keys()].some((b) => callee === `${b}.proxy`) || (callee === "proxy" && bindings.has("proxy"));
  });
}

/**
 * `export const api = serverlessExpress({ app })` and the like: the instance kept under its own
 * name, and an async (event, context) function exported in its place that calls it (the instance
 * answers through its promise in the default "PROMISE" mode, which a "CALLBACK"/"CONTEXT" mode is
 * set back to). Undefined when the export is not a statement of its own or the options are not a
 * plain object literal.
 */
export function planThreeParameterExport(call: CallExpression): WrapperEdit[] | undefined {
  const options = call.getArguments();
  if (options.length !== 1 || !Node.isObjectLiteralExpression(options[0])) return undefined;
  const edits: WrapperEdit[] = [];
  const quote = quoteOf(call.getSourceFile());
  for (const p of options[0].getProperties()) {
    if (!Node.isPropertyAssignment(p) && !Node.isShorthandPropertyAssignment(p) && !Node.isMethodDeclaration(p)) return undefined;
    if (p.getName().replace(/^["']|["']$/g, "") !== "resolutionMode") continue;
    const value = Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
    if (!value || !Node.isStringLiteral(value)) return undefined;
    if (value.getLiteralText() !== "PROMISE") edits.push({ start: value.getStart(), end: value.getEnd(), text: `${quote}PROMISE${quote}` });
  }
  const target = exportTargetOf(call);
  if (!target) return undefined;
  const file = call.getSourceFile();
  const instance = freshName(file, `${/^[A-Za-z_$][\w$]*$/.test(target.name) && target.name !== "default" ? target.name : "serverlessExpress"}Instance`);
  const typescript = /\.[cm]?tsx?$/.test(file.getFilePath());
  // In TypeScript the instance is typed as a Handler, whose third parameter is required: passed as undefined, as JavaScript does.
  const wrapper = typescript
    ? `async (event: Parameters<typeof ${instance}>[0], context: Parameters<typeof ${instance}>[1]) => ${instance}(event, context, undefined as never)`
    : `async (event, context) => ${instance}(event, context)`;
  const semicolon = target.statement.getText().trimEnd().endsWith(";") ? ";" : "";
  const eol = eolOf(target.statement);
  const indent = indentOf(target.statement);
  edits.push(
    { start: target.statement.getStart(), end: call.getStart(), text: `const ${instance} = ` },
    // The call keeps its text (and the resolution-mode edit inside it); the export follows on a line of its own.
    { start: call.getEnd(), end: target.statement.getEnd(), text: `${semicolon}${eol}${indent}${target.before}${wrapper}${semicolon}` },
  );
  return edits;
}

/** Where an exported call stands: its statement, the export's name, and the statement's text before the value. */
function exportTargetOf(call: CallExpression): { statement: Node; name: string; before: string } | undefined {
  const parent = call.getParent();
  if (Node.isVariableDeclaration(parent)) {
    const statement = parent.getVariableStatement();
    if (!statement || statement.getDeclarations().length !== 1 || !Node.isIdentifier(parent.getNameNode()) || parent.getTypeNode()) return undefined;
    const text = statement.getText();
    const head = text.slice(0, parent.getInitializer()!.getStart() - statement.getStart());
    return { statement, name: parent.getName(), before: head };
  }
  if (Node.isExportAssignment(parent) && !parent.isExportEquals()) return { statement: parent, name: "default", before: "export default " };
  if (Node.isBinaryExpression(parent) && parent.getRight() === call && Node.isExpressionStatement(parent.getParent())) {
    const left = parent.getLeft().getText();
    const name = /\.([\w$]+)$/.exec(left.replace(/\s+/g, ""))?.[1];
    return { statement: parent.getParentOrThrow(), name: name && name !== "exports" ? name : "handler", before: `${left} = ` };
  }
  return undefined;
}

/**
 * `middy(fn)` from @middy/core 2 or later: the exported function takes no parameters of its own and
 * awaits what the inner handler returns (it calls it with `(event, context, { signal })`, no
 * callback), so the inner handler is the one to convert. Undefined when the wrapper is something else;
 * a reason when it is middy but a version that still calls back (the `middy` package, @middy/core 1).
 */
export function middyVersionOf(call: CallExpression): "callback-free" | { reason: string } | undefined {
  const callee = call.getExpression().getText();
  const module = bindingsOf(call.getSourceFile(), ["@middy/core", "middy"]).get(callee);
  if (!module) return undefined;
  const range = packageFactsFor(call.getSourceFile()).dependencies.get(module);
  const major = range ? /(\d+)/.exec(range)?.[1] : undefined;
  if (module === "@middy/core" && (major === undefined || Number(major) >= 2)) return "callback-free";
  return { reason: `${module}${range ? ` ${range}` : ""} hands the inner handler a callback and exports an (event, context, callback) function, which Node.js 24 refuses at init: upgrade to @middy/core 2 or later (it awaits an async inner handler), then run settle again` };
}
