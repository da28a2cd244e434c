import { Node, SyntaxKind, type CallExpression, type ParameterDeclaration, type SourceFile } from "ts-morph";
import { nameNodeOf, ownStatements } from "../../src/function-body.js";
import { findLocalFunction, isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";
import { TEST_FILE } from "../../src/handlers/lambda.js";
import { moduleExportsFunction, requiredModule, resolveLocalModule } from "../../src/handlers/local-modules.js";
import { declarationNodes, resolvedDeclaration } from "../../src/types/index.js";
import { fileLine, ownerOf, referencesTo, type Handoff } from "./sites.js";
import { LISTEN_METHODS } from "./flow.js";

/** What a handed function emits before calling back, and the listener work nothing waits for. */
export interface UnwaitedListenerWork {
  /** The function handed the callback (`runBuild`), and where it is (`build.js:18`). */
  name: string;
  where: string;
  event: string;
  /** The emit (`build.js:88`) and the listener's work (`github.js:30`), with its text. */
  emitAt: string;
  workAt: string;
  work: string;
}

const ERROR_NAME = /^_?(err|error|er|e)$/i;
/** How many project functions a handed callback is followed through. */
const MAX_DEPTH = 8;

/**
 * lambci's runBuild (issue 11): the handler hands its callback to a project function (also through a dispatch
 * by a computed key, `actions[event.action](event, context, cb)`, to every function export of that module)
 * that, in a function holding the callback (it, the functions nested in it that use the callback, and the
 * project functions the callback is handed on to), emits a literal event (`build.statusEmitter.emit("start",
 * build)`) to listeners of the project registered on the same last property name for the same event
 * (`build.statusEmitter.on("start", (build) => { … })`, matched by syntax: nothing types the emitter) whose
 * own flow starts node-style work that nothing waits for (`this.statusQueue.push(status, log.logIfErr)`: a call
 * whose last argument is an error-first function). The old runtime answered once the event loop was empty, so
 * after that work; a promise resolves at the callback, and Node.js 24 freezes the work. Undefined otherwise.
 */
export function unwaitedListenerWorkOf(handoff: Handoff): UnwaitedListenerWork | undefined {
  const index = (handoff.call.getArguments() as Node[]).indexOf(handoff.ref);
  if (index === -1) return undefined;
  for (const target of calledFunctions(handoff.call, true)) {
    const param = plainParameter(target, index);
    if (!param) continue;
    const found = emitsToUnwaitedWork(target, param);
    if (!found) continue;
    const name = nameNodeOf(target)?.getText() ?? handoff.call.getExpression().getText().replace(/\s+/g, "");
    return { name, where: fileLine(target), ...found };
  }
  return undefined;
}

function plainParameter(fn: FunctionLike, index: number): ParameterDeclaration | undefined {
  const params = fn.getParameters();
  if (params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) return undefined;
  return params[index];
}

function isProjectFunction(node: Node | undefined): node is FunctionLike {
  if (!node || !isFunctionLike(node) || !node.getBody()) return false;
  const file = node.getSourceFile();
  return !file.isDeclarationFile() && !file.isInNodeModules();
}

/**
 * The project functions a call runs: its resolved declaration, a function a required module exports as a whole
 * (`var build = require("./build"); build(…)`), or with `dispatch`, for `actions[key](…)` on a required module,
 * every function that module exports.
 */
function calledFunctions(call: CallExpression, dispatch: boolean): FunctionLike[] {
  const declaration = resolvedDeclaration(call);
  if (isProjectFunction(declaration)) return [declaration];
  const callee = unwrapExpression(call.getExpression()) ?? call.getExpression();
  if (Node.isIdentifier(callee)) {
    const module = requiredBy(callee);
    const fn = module && moduleExportsFunction(module);
    return fn ? [fn] : [];
  }
  if (dispatch && Node.isElementAccessExpression(callee)) {
    const key = callee.getArgumentExpression();
    const receiver = callee.getExpression();
    if (!key || Node.isStringLiteral(key) || Node.isNumericLiteral(key) || !Node.isIdentifier(receiver)) return [];
    const module = requiredBy(receiver);
    return module ? functionExports(module) : [];
  }
  return [];
}

/** The local module a name is bound to by `var x = require("./x")`. */
function requiredBy(name: Node): SourceFile | undefined {
  for (const d of declarationNodes(name)) {
    if (!d || !Node.isVariableDeclaration(d)) continue;
    const init = d.getInitializer();
    const spec = init && requiredModule(unwrapExpression(init) ?? init);
    if (spec !== undefined && spec.startsWith(".")) return resolveLocalModule(d.getSourceFile(), spec);
  }
  return undefined;
}

/** The functions of `exports.x = …` statements: literals, local functions, or `require("./x")` of a module exported as a whole. */
function functionExports(file: SourceFile): FunctionLike[] {
  const out: FunctionLike[] = [];
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const expr = statement.getExpression();
    if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (!/^(module\.)?exports\.[\w$]+$/.test(expr.getLeft().getText().replace(/\s+/g, ""))) continue;
    const right = unwrapExpression(expr.getRight()) ?? expr.getRight();
    let fn: FunctionLike | undefined;
    if (Node.isFunctionExpression(right) || Node.isArrowFunction(right)) fn = right;
    else if (Node.isIdentifier(right)) fn = findLocalFunction(file, right.getText())?.fn;
    else {
      const spec = requiredModule(right);
      const module = spec !== undefined && spec.startsWith(".") ? resolveLocalModule(file, spec) : undefined;
      fn = module && moduleExportsFunction(module);
    }
    if (fn && !out.includes(fn)) out.push(fn);
  }
  return out;
}

/**
 * In the functions holding `param` (from `fn`), an emit of a literal event, in a statement that does not mention
 * the parameter, to a project listener whose own flow starts unwaited node-style work.
 */
function emitsToUnwaitedWork(fn: FunctionLike, param: ParameterDeclaration): Omit<UnwaitedListenerWork, "name" | "where"> | undefined {
  const holders = new Map<FunctionLike, ParameterDeclaration>();
  const seen = new Set<FunctionLike>();
  const walk = (f: FunctionLike, p: ParameterDeclaration, depth: number) => {
    if (seen.has(f) || depth > MAX_DEPTH) return;
    seen.add(f);
    holders.set(f, p);
    for (const ref of referencesTo(f, p)) {
      for (let owner = ownerOf(ref); owner && owner !== f; owner = ownerOf(owner)) if (!holders.has(owner)) holders.set(owner, p);
      const call = ref.getParent();
      if (!call || !Node.isCallExpression(call) || call.getExpression() === ref) continue;
      const index = (call.getArguments() as Node[]).indexOf(ref);
      for (const next of calledFunctions(call, false)) {
        const handed = plainParameter(next, index);
        if (handed) walk(next, handed, depth + 1);
      }
    }
  };
  walk(fn, param, 0);
  for (const [holder, p] of holders) {
    for (const statement of ownStatements(holder)) {
      if (!Node.isExpressionStatement(statement)) continue;
      const emit = emitOf(statement.getExpression());
      if (!emit) continue;
      const name = p.getName();
      if (statement.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name)) continue;
      const work = unwaitedListenerWork(holder.getSourceFile(), emit.emitter, emit.event);
      if (work) return { event: emit.event, emitAt: fileLine(statement), workAt: fileLine(work), work: work.getText().replace(/\s+/g, " ") };
    }
  }
  return undefined;
}

/** `x.statusEmitter.emit("start", …)`: the emitter's last name (`statusEmitter`, or `emitter` for `emitter.emit`) and the event. */
function emitOf(expr: Node): { emitter: string; event: string } | undefined {
  if (!Node.isCallExpression(expr)) return undefined;
  const callee = expr.getExpression();
  const [event] = expr.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "emit" || !event || !(Node.isStringLiteral(event) || Node.isNoSubstitutionTemplateLiteral(event))) return undefined;
  const emitter = lastName(callee.getExpression());
  return emitter ? { emitter, event: event.getLiteralText() } : undefined;
}

function lastName(node: Node): string | undefined {
  if (Node.isPropertyAccessExpression(node)) return node.getName();
  if (Node.isIdentifier(node)) return node.getText();
  return undefined;
}

/**
 * The first statement of a project listener (`<…>.<emitter>.on("<event>", function literal)`) whose own flow
 * calls a function with an error-first callback last, as a statement (nothing waits for it).
 */
function unwaitedListenerWork(from: SourceFile, emitter: string, event: string): Node | undefined {
  for (const file of from.getProject().getSourceFiles()) {
    if (file.isDeclarationFile() || file.isInNodeModules() || TEST_FILE.test(file.getFilePath())) continue;
    const text = file.getFullText();
    if (!text.includes(emitter) || !text.includes(event)) continue;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName()) || lastName(callee.getExpression()) !== emitter) continue;
      const [name, listener] = call.getArguments();
      if (!name || !(Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) || name.getLiteralText() !== event) continue;
      const fn = listener && (unwrapExpression(listener) ?? listener);
      if (!fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) continue;
      for (const statement of ownStatements(fn)) {
        if (!Node.isExpressionStatement(statement)) continue;
        const work = statement.getExpression();
        if (Node.isCallExpression(work) && takesErrorFirstCallback(work)) return statement;
      }
    }
  }
  return undefined;
}

/** The call's last argument is a function whose first parameter is an error: a literal, or a project function by name. */
function takesErrorFirstCallback(call: CallExpression): boolean {
  const last = call.getArguments().at(-1);
  if (!last) return false;
  const value = unwrapExpression(last) ?? last;
  return errorFirst(value) || (Node.isIdentifier(value) || Node.isPropertyAccessExpression(value) ? functionsNamedBy(value).some(errorFirst) : false);
}

function errorFirst(node: Node): boolean {
  if (!isFunctionLike(node)) return false;
  const first = node.getParameters()[0];
  return !!first && Node.isIdentifier(first.getNameNode()) && ERROR_NAME.test(first.getName());
}

/** The project functions a name or `module.member` stands for: by the declaration, else `exports.member = function …` of the required module. */
function functionsNamedBy(node: Node): FunctionLike[] {
  const out: FunctionLike[] = [];
  const add = (n: Node | undefined) => {
    const v = n && (unwrapExpression(n) ?? n);
    if (v && isProjectFunction(v) && !out.includes(v)) out.push(v);
  };
  for (const d of declarationNodes(node)) {
    if (!d) continue;
    if (isFunctionLike(d)) add(d);
    else if (Node.isVariableDeclaration(d) || Node.isPropertyAssignment(d)) add(d.getInitializer());
    else if (Node.isBinaryExpression(d)) add(d.getRight());
    else if (Node.isPropertyAccessExpression(d)) {
      // `exports.logIfErr = function (err) { … }`: the declaration is the assignment's left side.
      const assignment = d.getParent();
      if (assignment && Node.isBinaryExpression(assignment) && assignment.getLeft() === d) add(assignment.getRight());
    }
  }
  if (out.length > 0 || !Node.isPropertyAccessExpression(node)) return out;
  const module = requiredBy(node.getExpression());
  if (!module) return out;
  for (const statement of module.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const expr = statement.getExpression();
    if (!Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (expr.getLeft().getText().replace(/\s+/g, "") === `exports.${node.getName()}` || expr.getLeft().getText().replace(/\s+/g, "") === `module.exports.${node.getName()}`) add(expr.getRight());
  }
  return out;
}
