import { Node, SyntaxKind, type CallExpression, type ParameterDeclaration, type SourceFile } from "ts-morph";
import { guardChecker } from "../../src/checker-guard.js";
import type { TransformContext } from "../../src/define-transform.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { ownReturns } from "../../src/function-body.js";
import { eolOf } from "../../src/layout.js";
import { declarationNodes } from "../../src/types/index.js";
import { adapterCall, projectFunctionOf } from "./context-handoff.js";
import { exportedPropertyName, planHandler } from "./convert.js";
import { isExported, isRequire, packageOf } from "./library-handoff.js";
import { freshName, semicolonOf } from "./plan.js";
import type { HandlerShape } from "./shape.js";
import { fileLine, referencesTo, type Problem } from "./sites.js";

/** Packages whose factory builds the handler, an (event, context) function that answers through context.done (cfn-lambda 5.x). */
const CONTEXT_ANSWERING_FACTORIES = new Set(["cfn-lambda"]);

/**
 * `exports.handler = CfnLambda({ Create, Update, Delete })`: cfn-lambda's factory returns `function (event, context)`,
 * which Node.js 24 accepts at init, and which answers through `context.done()` once it has sent CloudFormation its
 * response. Node.js 24 answers at once with what it returns (undefined) and may freeze the sandbox before that
 * response goes out (the stack waits for its custom resource until it times out); context.done throws.
 */
export function findContextAnsweringFactoryExports(file: SourceFile): { node: CallExpression; module: string }[] {
  const text = file.getFullText();
  if (![...CONTEXT_ANSWERING_FACTORIES].some((m) => text.includes(m))) return [];
  const out: { node: CallExpression; module: string }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!(Node.isIdentifier(callee) || (Node.isCallExpression(callee) && isRequire(callee))) || !isExported(call)) continue;
    const module = packageOf(callee, 0);
    if (module && CONTEXT_ANSWERING_FACTORIES.has(module)) out.push({ node: call, module });
  }
  return out;
}

/**
 * Where cfn-lambda 5.1.0's built function (index.js, `CfnLambdaFactory`) hands the request to the resource
 * definition, and in which argument the `reply` goes: `Create(Params, reply)`, `Update(RequestPhysicalId, Params,
 * OldParams, reply)`, `Delete(RequestPhysicalId, Params, reply)`, `NoUpdate(RequestPhysicalId, Params, NormalReply)`.
 */
const REPLY_INDEX: ReadonlyMap<string, number> = new Map([["Create", 1], ["Update", 3], ["Delete", 2], ["NoUpdate", 2]]);
/** Definition keys whose answers settle cannot follow to context.done: a promise of the resource's own, the long-running ping cycle. */
const UNFOLLOWED = new Set(["AsyncCreate", "AsyncUpdate", "AsyncDelete", "AsyncNoUpdate", "LongRunning"]);

/** A resource function as cfn-lambda calls it: `reply` at `callback`, no context; reply answers CloudFormation and then Lambda at once (context.done). */
const resourceShape = (callback: number): HandlerShape => ({
  context: 99,
  callback,
  methods: new Set(),
  waitsForEventLoop: false,
  contextAdapter: false,
  typePackage: "@types/aws-lambda",
  explicitUndefined: false,
  reword: (reason) =>
    reason.startsWith("this path ends without calling back: ")
      ? "this path ends without calling reply: cfn-lambda then never calls context.done, and the old runtime answered null once the event loop was empty (CloudFormation got no response), while a promise would never settle; end the path with `reply(null, physicalId)` (or `reply(error.message)`), and run settle again"
      : reason.replace(/\bcall(s|ing|ed)? back\b/g, "call$1 reply"),
});

/**
 * Convert each `exports.handler = CfnLambda({ … })` of the file, or report it. cfn-lambda 5.1.0's function answers
 * only through `context.done()`, which it calls after the PUT of CloudFormation's response to event.ResponseURL
 * (the response's "end", or the request's "error"), and every path of its own reaches that PUT: a validation error
 * (`NormalReply(invalidation)`, a Delete with one `NormalReply()`), an unchanged Update without NoUpdate, an
 * unknown RequestType, and each `reply(…)` of the resource's functions. What it throws at once (a missing
 * Create, an ARN it cannot parse, a resource function that throws) fails the invocation in both runtimes alike,
 * as a rejection of the executor does. The one path that never reaches context.done is a resource function that
 * never calls its reply (or an Async* promise that never settles): the old runtime then answered null once the
 * event loop was empty, while a promise would never settle. So the export is converted only when each resource
 * function of the definition is one settle can read that calls reply on every path (planHandler's path checks,
 * with reply as the callback), or cfn-lambda's own `SDKAlias` on a package's API (SDKAlias.js: the API method's
 * callback always replies); the factory call stays at module scope, and the export becomes
 * `async (event, context) => new Promise((resolve, reject) => resource(event, legacyContext(context, resolve, reject)))`,
 * whose adapter's done settles the promise (the first call wins, as in the old runtime). True when the file then
 * needs the adapter.
 */
export function settleContextAnsweringFactories(file: SourceFile, ctx: TransformContext): boolean {
  let adapter = false;
  const names = new Set<string>();
  for (const { node, module } of findContextAnsweringFactoryExports(file)) {
    if (ctx.isIgnored(node)) continue;
    // A checker failure while reading the resource functions costs this export only (reported as such).
    if (guardChecker(ctx, node, false, (guarded) => settleExport(node, module, names, guarded))) adapter = true;
  }
  return adapter;
}

/** Convert or report one export; true when converted (the file then needs the adapter). */
function settleExport(node: CallExpression, module: string, names: Set<string>, ctx: TransformContext): boolean {
  const factory = node.getExpression().getText().replace(/\s+/g, "");
  const blocker = conversionBlocker(node, ctx);
  const edit = blocker ? undefined : exportEdit(node, names);
  if (edit) {
    ctx.replace({ start: edit.start, end: node.getStart() }, edit.before);
    ctx.insertAfter(edit.end, edit.after);
    return true;
  }
  const why = blocker ? `${blocker.reason} (${fileLine(blocker.node)})` : "settle rewrites only a module-level `exports.x = …`, `module.exports = …`, `export const x = …` or `export default …` of a JavaScript file that does not use the export itself";
  ctx.report(
    node,
    `${module} builds this handler, which answers through context.done once it has sent CloudFormation its response; Node.js 24 has no context.done and answers at once with what the function returns (undefined), so the sandbox may freeze before that response is sent (the stack then waits for the resource until it times out) and the later context.done() throws a TypeError. settle leaves it as it is: ${why}. Once each resource function calls its reply on every path (checked by hand where settle does not follow the code), build it once (\`const resource = ${factory}({ … });\`) and export \`(event, context) => new Promise((resolve, reject) => resource(event, Object.create(context, { done: { value: (err, data) => (err != null ? reject(err) : resolve(data)) }, succeed: { value: resolve }, fail: { value: reject } })))\``,
    { rule: "context-answering-factory" },
  );
  return false;
}

/** Why the built function might not reach context.done on every path, or undefined when it does. */
function conversionBlocker(call: CallExpression, ctx: TransformContext): Problem | undefined {
  const args = call.getArguments();
  const definition = args[0];
  if (args.length !== 1 || !Node.isObjectLiteralExpression(definition)) return { node: call, reason: "its resource definition is not an object literal that settle can read" };
  for (const property of definition.getProperties()) {
    if (!(Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property))) {
      return { node: property, reason: "the resource definition has a member settle cannot read (a spread or an accessor)" };
    }
    const nameNode = property.getNameNode();
    if (!(Node.isIdentifier(nameNode) || Node.isStringLiteral(nameNode))) return { node: property, reason: "the resource definition has a computed key" };
    const name = Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText();
    if (UNFOLLOWED.has(name)) {
      return { node: property, reason: `its ${name} (a promise of its own, or the long-running ping cycle) may never reach cfn-lambda's reply, where the old runtime answered null once the event loop was empty and a promise would never settle` };
    }
    const index = REPLY_INDEX.get(name);
    if (index === undefined) continue;
    const value = Node.isMethodDeclaration(property) ? property : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : property.getInitializerOrThrow();
    const problem = resourceProblem(name, value, index, ctx, 0);
    if (problem) return problem;
  }
  return undefined;
}

/** Why the resource function `value` may not call its reply on every path, or undefined when it does. */
function resourceProblem(name: string, value: Node, index: number, ctx: TransformContext, depth: number): Problem | undefined {
  while (Node.isParenthesizedExpression(value)) value = value.getExpression();
  if (isFunctionLike(value)) return functionProblem(name, value, index, ctx);
  if (Node.isCallExpression(value) && isSdkAlias(value)) return undefined;
  if (Node.isIdentifier(value) && depth < 2) {
    // `{ Delete }` at module scope (the export is): the module's own binding of that name.
    const file = value.getSourceFile();
    const shorthand = Node.isShorthandPropertyAssignment(value.getParent());
    const declarations = shorthand ? [file.getFunction(value.getText()) ?? file.getVariableDeclaration(value.getText())].filter((d) => d !== undefined) : declarationNodes(value).filter((d) => d !== undefined);
    const declaration = declarations.length === 1 ? declarations[0] : undefined;
    if (declaration && declaration.getSourceFile() === value.getSourceFile()) {
      if (Node.isFunctionDeclaration(declaration)) return reassigned(declaration, value) ?? functionProblem(name, declaration, index, ctx);
      if (Node.isVariableDeclaration(declaration) && Node.isIdentifier(declaration.getNameNode())) {
        const init = declaration.getInitializer();
        if (init) return reassigned(declaration, value) ?? resourceProblem(name, init, index, ctx, depth + 1);
      }
    }
  }
  return { node: value, reason: `settle cannot read its ${name} (${value.getText().replace(/\s+/g, " ").slice(0, 60)}) to tell that it calls its reply on every path` };
}

/** `X = …` elsewhere in the file for the function or variable `declaration`: what cfn-lambda gets may not be what settle read. */
function reassigned(declaration: Node, use: Node): Problem | undefined {
  const name = use.getText();
  for (const assignment of use.getSourceFile().getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const left = assignment.getLeft();
    if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || !Node.isIdentifier(left) || left.getText() !== name) continue;
    if (declarationNodes(left).includes(declaration)) return { node: assignment, reason: `${name} is assigned again here, so settle cannot tell which function cfn-lambda gets` };
  }
  return undefined;
}

/** `CfnLambda.SDKAlias({ api, method, … })` of cfn-lambda on a package's API object (`new AWS.ACM()`), which calls its methods' callbacks. */
function isSdkAlias(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "SDKAlias" || packageOf(callee.getExpression(), 0) !== "cfn-lambda") return false;
  const options = call.getArguments()[0];
  if (call.getArguments().length !== 1 || !options || !Node.isObjectLiteralExpression(options)) return false;
  const api = options.getProperty("api");
  const apiValue = api && Node.isPropertyAssignment(api) ? api.getInitializer() : api && Node.isShorthandPropertyAssignment(api) ? api.getNameNode() : undefined;
  return !!apiValue && packageOf(apiValue, 0) !== undefined;
}

const NOT_ABOUT_PATHS = ["the handler is also called at ", "the handler uses a parameter after the callback", "the callback parameter is destructured", "the callback comes from a rest parameter"];

function functionProblem(name: string, fn: FunctionLike, index: number, ctx: TransformContext): Problem | undefined {
  const where = `its ${name} (${fileLine(fn)})`;
  if (fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) {
    return { node: fn, reason: `${where} is async: the old runtime answered with the promise cfn-lambda's function returned from it as well as through context.done, whichever came first` };
  }
  const params = fn.getParameters();
  const reply = params[index];
  if (!reply || params.slice(0, index + 1).some((p) => p.isRestParameter() || !Node.isIdentifier(p.getNameNode()))) {
    return { node: fn, reason: `${where} never calls its reply (argument ${index + 1}), so cfn-lambda never calls context.done: the old runtime then answered null once the event loop was empty (CloudFormation got no response), while a promise would never settle; call \`reply(null, physicalId)\` where it ends` };
  }
  const replyName = reply.getName();
  const body = fn.getBody();
  // What the function returns, cfn-lambda's function returns (`return resourceDefinition.Create(…)`), and the old runtime answered with a promise returned there.
  const returned = body && Node.isBlock(body) ? ownReturns(body).map((r) => (Node.isReturnStatement(r) ? r.getExpression() : undefined)) : [body];
  for (const expr of returned) {
    if (!expr || Node.isVoidExpression(expr) || (Node.isIdentifier(expr) && expr.getText() === "undefined")) continue;
    const callee = Node.isCallExpression(expr) ? expr.getExpression() : undefined;
    if (callee && Node.isIdentifier(callee) && callee.getText() === replyName) continue;
    return { node: expr, reason: `${where} returns a value here, which cfn-lambda's function returns: the old runtime answered with it if it was a promise, and settle cannot tell; call it as a statement of its own (\`work(…); return;\`)` };
  }
  // The planner's own checks for a handler that other code calls too: the definition's reference is cfn-lambda's call.
  if (exportedPropertyName(fn)) return { node: fn, reason: `${where} is exported as well, and settle reads an exported function's paths only for its own conversion` };
  const verdict = planHandler(fn, ctx, resourceShape(index));
  const handedToProject = projectHandoff(fn, reply);
  if (handedToProject) return { node: handedToProject, reason: `${where} hands its reply (or a function that calls it) to code of the project here, which settle does not follow to tell that it calls back on every path (a path that never does made the old runtime answer null once the event loop was empty, where a promise would never settle)` };
  // The function is not rewritten, only read: what its conversion into a handler would need (no other caller, Lambda's
  // parameter list: checkParameters takes the third one for the callback) says nothing about its paths.
  const problems = verdict && "problems" in verdict ? verdict.problems.filter((p) => !NOT_ABOUT_PATHS.some((r) => p.reason.startsWith(r))) : [];
  if (problems.length > 0) {
    const first = problems[0];
    return { node: first.node, reason: `in ${where}: ${first.reason}` };
  }
  return undefined;
}

/**
 * Where the reply, or a function of `fn` that mentions it, goes anywhere but a direct call in `fn` or the argument
 * list of a package's function (`ACM.describeCertificate(params, (err, data) => reply(...))`, trusted to call back
 * as settle trusts libraries): a project function or class (`new CleanupLogic(name, () => reply(null))`), a
 * variable, a property. Undefined when there is no such place.
 */
function projectHandoff(fn: FunctionLike, reply: ParameterDeclaration): Node | undefined {
  for (const ref of referencesTo(fn, reply)) {
    let node: Node = ref;
    for (;;) {
      const owner = node === ref ? undefined : node;
      const parent = node.getParentOrThrow();
      if (owner === undefined && Node.isCallExpression(parent) && parent.getExpression() === ref) {
        // A call of reply: in fn itself, or inside a function of fn that is followed further up.
        const inner = ref.getFirstAncestor((a) => isFunctionLike(a));
        if (inner === fn) break;
        node = inner!;
        continue;
      }
      let target: Node = owner ?? ref;
      while (Node.isParenthesizedExpression(target.getParentOrThrow())) target = target.getParentOrThrow();
      const holder = target.getParentOrThrow();
      if (!((Node.isCallExpression(holder) || Node.isNewExpression(holder)) && (holder.getArguments() as Node[]).includes(target) && packageOf(holder.getExpression(), 0) !== undefined)) return target;
      const inner = holder.getFirstAncestor((a) => isFunctionLike(a));
      if (inner === fn) break;
      if (!inner) return target;
      node = inner;
    }
  }
  return undefined;
}

/** The edits that keep the factory call at module scope under a name of its own and export the async wrapper in its place. */
function exportEdit(call: CallExpression, names: Set<string>): { start: number; before: string; end: number; after: string } | undefined {
  const file = call.getSourceFile();
  if (/\.[cm]?tsx?$/.test(file.getFilePath())) return undefined;
  const parent = call.getParentOrThrow();
  let statement: Node | undefined;
  let target: string;
  if (Node.isBinaryExpression(parent)) {
    statement = parent.getParent();
    target = `${parent.getLeft().getText()} =`;
  } else if (Node.isVariableDeclaration(parent)) {
    const list = parent.getParent();
    statement = list?.getParent();
    if (!list || !Node.isVariableDeclarationList(list) || list.getDeclarations().length !== 1 || !Node.isIdentifier(parent.getNameNode())) return undefined;
    target = `export ${list.getDeclarationKind()} ${parent.getName()} =`;
  } else if (Node.isExportAssignment(parent) && !parent.isExportEquals()) {
    statement = parent;
    target = "export default";
  } else return undefined;
  if (!statement || !Node.isSourceFile(statement.getParent()) || !(Node.isExpressionStatement(statement) || Node.isVariableStatement(statement) || Node.isExportAssignment(statement))) return undefined;
  // The file's own use of the export (a local run with a context of its own, `exports.handler(event, { done })`) would get the promise instead of its done calls.
  const exported = Node.isBinaryExpression(parent) ? parent.getLeft().getText().replace(/\s+/g, "") : Node.isVariableDeclaration(parent) ? parent.getName() : undefined;
  if (exported !== undefined) {
    const uses = file.getFullText().replace(/\s*\.\s*/g, ".").split(new RegExp(`(?<![\\w$.])${exported.replace(/[.$]/g, "\\$&")}(?![\\w$])`)).length - 1;
    if (uses > 1) return undefined;
  }
  let name = freshName(file, "resource");
  for (let i = 2; names.has(name); i++) name = freshName(file, `resource${i}`);
  names.add(name);
  const semi = semicolonOf(statement);
  const closes = statement.getText().trimEnd().endsWith(";") ? "" : semi;
  const handler = `async (event, context) => new Promise((resolve, reject) => ${name}(event, ${adapterCall(file, "context", "resolve", "reject")}))`;
  return { start: statement.getStart(), before: `const ${name} = `, end: statement.getEnd(), after: `${closes}${eolOf(file)}${target} ${handler}${semi}` };
}

/**
 * The CloudFormation sample's watchdog (issue 11, unseen6's cloudformation-custom-resources): the handler hands its
 * callback to a project function that starts a timer (`setTimeout(onTimeout, context.getRemainingTimeInMillis() -
 * 1000)`) and calls it only in `new Promise(() => sendResponse(…)).then(() => callback(new Error(…)))`, after a promise
 * whose executor takes no resolve, so it never settles and the callback never runs; the handler answers through
 * context.done in sendResponse. The planner's finding there (work that calls back started after the callback was
 * handed on, which the old runtime waited for) does not say that: the reason is replaced with what does, and the fix
 * that lets settle convert it. The handler is still kept (the callback is not followed into the timer by the rewrite).
 */
export function withWatchdogReason<V extends { problems: Problem[] } | { plan: unknown } | undefined>(fn: FunctionLike, verdict: V): V {
  if (!verdict || !("problems" in verdict)) return verdict;
  const again = verdict.problems.findIndex((p) => p.reason.startsWith("work that calls back is started here after this path already called back or started such work"));
  if (again === -1) return verdict;
  const watchdog = watchdogOf(fn);
  if (!watchdog) return verdict;
  const problems = [...verdict.problems];
  problems[again] = {
    node: problems[again].node,
    reason: `the callback goes to ${watchdog.name}() (${watchdog.where}), a watchdog timer whose only call of it (${watchdog.callAt}) waits on \`new Promise(() => …)\`, a promise that never settles, so it never runs: the handler answers only through context.done (which answered at once in the old runtime, as the promise's resolve would), and settle does not follow a callback into a timer; drop the callback from ${watchdog.name} and from the handler's parameters (\`function (event, context)\`, the timer calling only \`sendResponse(event, context, "FAILED")\`), and run settle again`,
  };
  return { ...verdict, problems } as V;
}

function watchdogOf(fn: FunctionLike): { name: string; where: string; callAt: string } | undefined {
  const callback = fn.getParameters()[2];
  if (!callback || !Node.isIdentifier(callback.getNameNode())) return undefined;
  const refs = referencesTo(fn, callback);
  const call = refs.length === 1 ? refs[0].getParent() : undefined;
  if (!call || !Node.isCallExpression(call) || !Node.isExpressionStatement(call.getParent()) || call.getParent()?.getParent() !== fn.getBody()) return undefined;
  const index = (call.getArguments() as Node[]).indexOf(refs[0]);
  const helper = projectFunctionOf(call.getExpression());
  const param = helper?.getParameters()[index];
  if (!helper || !param || !Node.isIdentifier(param.getNameNode()) || !/\bsetTimeout\s*\(/.test(helper.getText())) return undefined;
  const uses = referencesTo(helper, param);
  if (uses.length === 0) return undefined;
  for (const use of uses) {
    const parent = use.getParent();
    if (!parent || !Node.isCallExpression(parent) || parent.getExpression() !== use || !afterNeverSettling(use)) return undefined;
  }
  return { name: call.getExpression().getText(), where: fileLine(helper), callAt: fileLine(uses[0]) };
}

/** `node` is inside a function handed to `.then`/`.catch`/`.finally` of `new Promise(() => …)` (an executor without resolve: it never settles). */
function afterNeverSettling(node: Node): boolean {
  const inner = node.getFirstAncestor((a) => isFunctionLike(a));
  if (!inner || !Node.isArrowFunction(inner) && !Node.isFunctionExpression(inner)) return false;
  const call = inner.getParent();
  if (!call || !Node.isCallExpression(call) || !(call.getArguments() as Node[]).includes(inner)) return false;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !["then", "catch", "finally"].includes(callee.getName())) return false;
  let receiver: Node = callee.getExpression();
  while (Node.isParenthesizedExpression(receiver)) receiver = receiver.getExpression();
  if (!Node.isNewExpression(receiver) || receiver.getExpression().getText() !== "Promise") return false;
  const executor = receiver.getArguments()[0];
  return !!executor && (Node.isArrowFunction(executor) || Node.isFunctionExpression(executor)) && executor.getParameters().length === 0 && !executor.getText().includes("arguments");
}
