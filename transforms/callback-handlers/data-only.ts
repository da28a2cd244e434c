import path from "node:path";
import { Node, Project, SyntaxKind, ts, type CallExpression, type Identifier, type SourceFile } from "ts-morph";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { projectFunctionOf } from "./context-handoff.js";
import { declarationNodes } from "../../src/types/index.js";
import { moduleExportsValue, requiredModule, resolveLocalModule } from "../../src/handlers/local-modules.js";
import { fileLine, identifiersReferringTo, referencesTo } from "./sites.js";
import { LISTEN_METHODS } from "./flow.js";

/** Where a project function calls back only from a "data" listener. */
export interface DataOnlyCallback {
  /** The function given the literal (`flushAsync`), and where it is (`mysplunklogger.js:66`). */
  name: string;
  where: string;
  /** The emitter of the "data" listener calling back (`res`), and where that call is. */
  emitter: string;
  at: string;
}

/** A failure path (the request's "error"): answering there is no answer to a body-less response. */
const FAILURE_EVENTS = new Set(["error"]);

/**
 * The AWS SAM Splunk blueprints (issue 11, unseen5 N2): `logger.flushAsync((error, response) => { … callback(…) })`
 * where `Logger.prototype.flushAsync(callback)` (a project function, through the method, a plain function or a
 * require) calls the parameter it gets the literal as (directly, or through `callback = callback || noop` /
 * `const done = callback || noop`) only inside listeners for "data" (`res.on("data", …)`, any emitter) and for
 * "error": a response without a body (a 204, an empty 502 from a proxy) never emits "data", so the literal never
 * runs. The old runtime then answered null once the event loop was empty; the promise the rewrite resolves in the
 * literal never settles, and the invocation hangs until its timeout. Undefined when the function calls it
 * anywhere else (on "end"/"close"/"finish", at the top of its flow, in another callback), hands it on or stores
 * it: settle cannot tell then, and other rules judge the literal.
 */
export function dataOnlyCallbackOf(literal: FunctionLike): DataOnlyCallback | undefined {
  const call = literal.getParent();
  if (!call || !Node.isCallExpression(call)) return undefined;
  const index = (call.getArguments() as Node[]).indexOf(literal);
  if (index < 0) return undefined;
  const helper = projectFunctionOf(call.getExpression()) ?? prototypeMethodOf(call.getExpression());
  if (!helper) return undefined;
  const params = helper.getParameters();
  if (params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) return undefined;
  const param = params[index];
  if (!param) return undefined;

  const body = helper.getBody();
  if (!body) return undefined;
  // A module read by syntax only (outside the project: a git-ignored lib/) has no symbols: references by name.
  const outside = helper.getProject() !== literal.getProject();
  const referring = (declaration: Node, nameNode: Identifier) => (outside ? namedReferences(body, nameNode) : identifiersReferringTo(body, declaration, nameNode));
  const first = outside ? (Node.isIdentifier(param.getNameNode()) ? namedReferences(body, param.getNameNode() as Identifier) : undefined) : referencesTo(helper, param);
  if (!first) return undefined;
  const refs: Identifier[] = [...first];
  let data: { emitter: string; at: Node } | undefined;
  for (let i = 0; i < refs.length; i++) {
    if (i > 50) return undefined;
    const ref = refs[i]!;
    const parent = ref.getParent();
    if (!parent) return undefined;
    // `callback = callback || (() => {})`: the parameter again.
    if (Node.isBinaryExpression(parent) && parent.getLeft() === ref && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      if (!isDefaulted(parent.getRight(), ref.getText())) return undefined;
      continue;
    }
    if (isDefaultOperand(ref)) {
      const holder = ref.getParent()!.getParent();
      // `const done = callback || function () {}`: an alias, followed.
      if (holder && Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode())) {
        const more = referring(holder, holder.getNameNode() as Identifier);
        if (!more) return undefined;
        refs.push(...more);
        continue;
      }
      // The right side of the reassignment above.
      if (holder && Node.isBinaryExpression(holder) && holder.getOperatorToken().getKind() === SyntaxKind.EqualsToken && holder.getLeft().getText() === ref.getText()) continue;
      return undefined;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === ref && Node.isIdentifier(parent.getNameNode())) {
      const more = referring(parent, parent.getNameNode() as Identifier);
      if (!more) return undefined;
      refs.push(...more);
      continue;
    }
    // `req.on("error", callback)`: registered as the listener itself.
    const registered = Node.isCallExpression(parent) && (parent.getArguments() as Node[])[1] === ref ? registrationOf(parent) : undefined;
    // Anything else but a call of it (handed on, stored, returned): not judged.
    if (!registered && (!Node.isCallExpression(parent) || parent.getExpression() !== ref)) return undefined;
    const listener = registered ?? innermostListener(parent, helper);
    if (!listener) return undefined;
    if (FAILURE_EVENTS.has(listener.event)) continue;
    if (listener.event !== "data") return undefined;
    data ??= { emitter: listener.emitter, at: parent };
  }
  if (!data) return undefined;
  return { name: nameOf(helper, call), where: fileLine(helper), emitter: data.emitter, at: fileLine(data.at) };
}

/**
 * `logger.flushAsync` with `const logger = new Logger(…)`, `Logger` a function of the file or `require("./lib/logger")`
 * of a module whose `module.exports = Logger`, and `Logger.prototype.flushAsync = function …` in that module: found
 * by syntax, as TypeScript 7 does not read a JavaScript constructor function's prototype assignments as methods.
 */
function prototypeMethodOf(callee: Node): FunctionLike | undefined {
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const receiver = callee.getExpression();
  if (!Node.isIdentifier(receiver)) return undefined;
  for (const d of declarationNodes(receiver)) {
    if (!d || !Node.isVariableDeclaration(d)) continue;
    const init = d.getInitializer();
    const created = init && unparen(init);
    if (!created || !Node.isNewExpression(created)) continue;
    const ctor = created.getExpression();
    if (!Node.isIdentifier(ctor)) continue;
    const owner = constructorOf(ctor);
    const fn = owner && prototypeAssignment(owner.file, owner.name, callee.getName());
    if (fn) return fn;
  }
  return undefined;
}

/** The file and name of the constructor function `ctor` stands for: of the file itself, or a local module exported as a whole. */
function constructorOf(ctor: Identifier): { file: SourceFile; name: string } | undefined {
  for (const d of declarationNodes(ctor)) {
    if (!d) continue;
    const file = d.getSourceFile();
    if (file.isDeclarationFile() || file.isInNodeModules()) continue;
    if (Node.isFunctionDeclaration(d)) return { file, name: ctor.getText() };
    if (!Node.isVariableDeclaration(d)) continue;
    const init = d.getInitializer();
    const value = init && unparen(init);
    if (!value) continue;
    if (Node.isFunctionExpression(value)) return { file, name: ctor.getText() };
    const spec = requiredModule(value);
    const module = spec !== undefined && spec.startsWith(".") ? (resolveLocalModule(file, spec) ?? readOutside(file, spec)) : undefined;
    const name = module && exportedName(module);
    if (module && name) return { file: module, name };
  }
  return undefined;
}

/** `module.exports = Logger;` */
function exportedName(file: SourceFile): string | undefined {
  for (const statement of file.getStatements()) {
    const value = moduleExportsValue(statement);
    if (value && Node.isIdentifier(value)) return value.getText();
  }
  return undefined;
}

/** `Logger.prototype.flushAsync = function flushAsync(…) { … }` at the top of the file. */
function prototypeAssignment(file: SourceFile, name: string, method: string): FunctionLike | undefined {
  for (const statement of file.getStatements()) {
    const expr = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
    if (!expr || !Node.isBinaryExpression(expr) || expr.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    if (expr.getLeft().getText().replace(/\s+/g, "") !== `${name}.prototype.${method}`) continue;
    const right = unparen(expr.getRight());
    if ((Node.isFunctionExpression(right) || Node.isArrowFunction(right)) && right.getBody()) return right;
  }
  return undefined;
}

/** `callback || (() => {})`, `callback ?? noop`. */
function isDefaulted(expr: Node, name: string): boolean {
  const value = unparen(expr);
  if (!Node.isBinaryExpression(value)) return false;
  const op = value.getOperatorToken().getKind();
  return (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) && unparen(value.getLeft()).getText() === name;
}

function isDefaultOperand(ref: Identifier): boolean {
  const parent = ref.getParent();
  if (!parent || !Node.isBinaryExpression(parent) || parent.getLeft() !== ref) return false;
  const op = parent.getOperatorToken().getKind();
  return op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken;
}

function unparen(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n)) n = n.getExpression();
  return n;
}

/**
 * The listener registration of the function `node` is in, inside `helper`: a function literal given as the
 * second argument of `<emitter>.on("<event>", …)`. Undefined when `node` is in the helper's own flow or in a
 * function that is no such listener (a request callback, a timer).
 */
function innermostListener(node: Node, helper: FunctionLike): { emitter: string; event: string } | undefined {
  const fn = node.getFirstAncestor((a) => isFunctionLike(a));
  if (!fn || fn === helper) return undefined;
  const registration = fn.getParent();
  if (!registration || !Node.isCallExpression(registration) || (registration.getArguments() as Node[])[1] !== fn) return undefined;
  return registrationOf(registration);
}

/** `<emitter>.on("<event>", …)` (or once, addListener, …) with a literal event. */
function registrationOf(registration: CallExpression): { emitter: string; event: string } | undefined {
  const callee = registration.getExpression();
  const [event] = registration.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.getName()) || !event) return undefined;
  if (!Node.isStringLiteral(event) && !Node.isNoSubstitutionTemplateLiteral(event)) return undefined;
  return { emitter: callee.getExpression().getText().replace(/\s+/g, ""), event: event.getLiteralText() };
}

function nameOf(helper: FunctionLike, call: Node & { getExpression(): Node }): string {
  if ((Node.isFunctionDeclaration(helper) || Node.isFunctionExpression(helper) || Node.isMethodDeclaration(helper)) && helper.getName()) return helper.getName()!;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText().replace(/\s+/g, "");
}

let syntaxOnly: Project | undefined;

/**
 * A relative module the project does not hold (settle skips what .gitignore lists, and the Splunk blueprints'
 * repository ignores `lib/`), parsed from disk by syntax only, for `prototypeMethodOf`: the handler runs it all the same.
 */
function readOutside(file: SourceFile, specifier: string): SourceFile | undefined {
  const fs = file.getProject().getFileSystem();
  const base = path.posix.join(path.posix.dirname(file.getFilePath()), specifier);
  for (const candidate of [base, `${base}.js`, `${base}.cjs`, path.posix.join(base, "index.js")]) {
    if (/[\\/]node_modules[\\/]/.test(candidate) || !/\.c?js$/.test(candidate) || !fs.fileExistsSync(candidate)) continue;
    syntaxOnly ??= new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, noLib: true, noResolve: true } });
    return syntaxOnly.createSourceFile(candidate, fs.readFileSync(candidate), { overwrite: true, scriptKind: ts.ScriptKind.JS });
  }
  return undefined;
}

/**
 * The identifiers of `root` naming `nameNode`'s text, by syntax (no checker: a module read by `readOutside`): not a
 * property name, and undefined when a function inside declares the same name again (it would shadow it).
 */
function namedReferences(root: Node, nameNode: Identifier): Identifier[] | undefined {
  const name = nameNode.getText();
  const out: Identifier[] = [];
  for (const id of root.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (id === nameNode || id.getText() !== name) continue;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) continue;
    if (Node.isVariableDeclaration(parent) && parent.getNameNode() === id) {
      if (parent.getFirstAncestor((a) => isFunctionLike(a)) !== nameNode.getFirstAncestor((a) => isFunctionLike(a))) return undefined;
      continue;
    }
    if (Node.isParameterDeclaration(parent) || Node.isFunctionDeclaration(parent) || Node.isFunctionExpression(parent) || Node.isBindingElement(parent) || Node.isShorthandPropertyAssignment(parent)) return undefined;
    out.push(id);
  }
  return out;
}
