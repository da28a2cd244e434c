import { builtinModules } from "node:module";
import { Node, SyntaxKind, type CallExpression, type ParameterDeclaration, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { ownReturns } from "../../src/function-body.js";
import { requiredModuleOf } from "../../src/imports.js";
import { declarationNodes } from "../../src/types/index.js";
import { projectFunctionOf } from "./context-handoff.js";
import { fileLine, referencesTo, type Problem, type Usage } from "./sites.js";
import { adoptedAlexaCall, checkedAlexaCall } from "./alexa-v1.js";
import { TEST_FILE } from "../../src/handlers/lambda.js";

/**
 * The Lambda context handed as a whole to a function of a package (`Alexa.handler(event, context)`, alexa-sdk
 * v1) by a handler that answers nothing itself: settle cannot see the package's code (node_modules are often
 * absent, and it does not read them), and with no answer of the handler's own, the package is what answers,
 * through context.succeed/fail/done, which Node.js 24 does not have. Blocking: the handler answers null at
 * once on Node.js 24 and the package's later context.succeed throws. A handler that answers itself (returns,
 * calls or hands on its callback, calls context.succeed/fail/done, is async) is left to its own conversion,
 * and a logger or error reporter given the context (`log.info(context)`) only reads it: both stay silent.
 * alexa-sdk v1 answers through the callback when given one, else through the context (lib/alexa.js, lib/response.js):
 * both shapes convert (alexa-v1.ts), with `dynamoDBTableName` too (v1 answers only once its DynamoDB read or save
 * has called back, in 1.0.9 as in 1.0.25). ask-sdk v2's `.lambda()` exports an (event, context, callback) function
 * (findSkillLambdaExports).
 */

const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "")));
/** Methods that only read or print what they are given. */
const READERS = /^(log|info|warn|warning|error|debug|trace|fatal|verbose|silly|notice|critical|child|inspect|format|dir|stringify|print|captureException|captureMessage|setContext|addContext|setExtra|addBreadcrumb)$/i;
/** Logging and error-reporting packages: they read the context (awsRequestId, function name), never answer. */
const READER_PACKAGES = /(^|[/-])(log|logs|logger|logging|winston|pino|bunyan|debug|loglevel|signale|consola|log4js|npmlog|sentry|bugsnag|rollbar|honeybadger|raven)([/-]|$)|^@sentry\//;
/** Reported apart (findContextSucceedProxies in wrappers.ts): aws-serverless-express's proxy. */
const REPORTED_ELSEWHERE = new Set(["aws-serverless-express"]);

/** The blocking problems of a handler that hands its context to a package function and answers nothing itself. */
export function packageHandoffProblems(fn: FunctionLike, context: ParameterDeclaration | undefined, callback: ParameterDeclaration | undefined, usage: Usage, ctx: TransformContext): Problem[] {
  // alexa-sdk v1's own answers through the context, given to its intent handlers as `this.context`.
  const alexa = alexaSdkHandoff(fn, [context, callback]);
  // Adopted by alexa-v1.ts: the context v1 hands its intent handlers becomes the adapter.
  const intents = alexa && !adoptedAlexaCall(alexa, usage) ? intentContextAnswers(fn.getSourceFile(), ctx) : [];
  if (alexa && intents.length > 0) {
    const where = intents.map((p) => fileLine(p.node)).join(", ");
    intents.unshift({
      node: alexa,
      reason: `${alexa.getExpression().getText().replace(/\s+/g, "")}(...) of alexa-sdk v1 runs intent handlers that answer through this.context (${where}), which Node.js 24 does not have: make them answer through v1 (\`this.emit(...)\`, or \`this.callback(null, response)\` once Alexa.handler is given the handler's callback), then run settle again`,
    });
  }
  return [...ownHandoffs(fn, context, callback, usage, ctx), ...intents];
}

function ownHandoffs(fn: FunctionLike, context: ParameterDeclaration | undefined, callback: ParameterDeclaration | undefined, usage: Usage, ctx: TransformContext): Problem[] {
  if (!context || fn.isAsync() || usage.sites.length > 0 || usage.handoffs.length > 0 || usage.stores.length > 0) return [];
  if (!Node.isIdentifier(context.getNameNode())) return [];
  // Cheap first: the context's name as an argument somewhere in the handler's text.
  if (!new RegExp(`[(,]\\s*${context.getName().replace(/\$/g, "\\$")}\\s*[,)]`).test(fn.getText())) return [];
  if (callback && referencesTo(fn, callback).length > 0) return [];
  const body = fn.getBody();
  // `(event, context) => lib(event, context)`, `return lib(event, context)`: the handler answers with what it returns.
  if (!body || !Node.isBlock(body) || ownReturns(body).some((r) => Node.isReturnStatement(r) && r.getExpression() !== undefined)) return [];
  const problems: Problem[] = [];
  for (const ref of referencesTo(fn, context)) {
    const call = ref.getParent();
    if (!call || !(Node.isCallExpression(call) || Node.isNewExpression(call)) || !(call.getArguments() as Node[]).includes(ref)) continue;
    const callee = call.getExpression();
    const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
    if (method && (READERS.test(method) || ["bind", "call", "apply"].includes(method))) continue;
    if (projectFunctionOf(callee)) continue;
    const pkg = packageOf(callee, 0);
    if (!pkg || READER_PACKAGES.test(pkg) || REPORTED_ELSEWHERE.has(pkg) || ctx.isIgnored(call) || checkedAlexaCall(call)) continue;
    problems.push({ node: call, reason: reasonFor(callee.getText().replace(/\s+/g, ""), pkg, context.getName()) });
  }
  return problems;
}

/** `Alexa.handler(event, context…)`: the call that hands the handler's context to a function of alexa-sdk. */
export function alexaSdkCall(fn: FunctionLike, context: ParameterDeclaration): CallExpression | undefined {
  return alexaSdkHandoff(fn, [context]);
}

/** The call that hands the handler's context or callback to a function of alexa-sdk (`Alexa.handler(event, context[, callback])`). */
function alexaSdkHandoff(fn: FunctionLike, params: (ParameterDeclaration | undefined)[]): CallExpression | undefined {
  if (!/alexa-sdk/.test(fn.getSourceFile().getFullText())) return undefined;
  for (const param of params) {
    if (!param || !Node.isIdentifier(param.getNameNode())) continue;
    for (const ref of referencesTo(fn, param)) {
      const call = ref.getParent();
      if (call && Node.isCallExpression(call) && call.getArguments().includes(ref) && packageOf(call.getExpression(), 0) === "alexa-sdk") return call;
    }
  }
  return undefined;
}

/**
 * `this.context.succeed(...)` in the file's intent handlers (alexa-sdk v1 binds them to an object whose
 * `context` is the Lambda context it was given: the Dialog.Delegate idiom of v1's docs answers that way). They
 * answer at once through the real context whether or not Alexa.handler has a callback, and Node.js 24 has no
 * context.succeed/fail/done: each one is a blocking problem of the handler, which is kept as it is.
 */
function intentContextAnswers(file: SourceFile, ctx: TransformContext): Problem[] {
  if (!/this\s*\.\s*context\s*\.\s*(succeed|fail|done)\b/.test(file.getFullText())) return [];
  const out: Problem[] = [];
  for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    const receiver = access.getExpression();
    if (!["succeed", "fail", "done"].includes(access.getName()) || !Node.isPropertyAccessExpression(receiver) || receiver.getName() !== "context" || !Node.isThisExpression(receiver.getExpression())) continue;
    const call = access.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== access || ctx.isIgnored(call)) continue;
    out.push({
      node: call,
      reason: `this.context.${access.getName()}(...) answers through the Lambda context that alexa-sdk v1 hands its intent handlers, which Node.js 24 does not have (with a callback given to Alexa.handler as well: v1 does not route it): answer through v1 instead (\`this.emit(':delegate')\` for a Dialog.Delegate, \`this.emit(':responseReady')\` after setting \`this.response\`, or \`this.callback(null, response)\` once Alexa.handler is given the handler's callback), then run settle again`,
    });
  }
  return out;
}

/**
 * `this.context.succeed(…)` in a file of alexa-sdk v1 intent handlers that holds no handler handing its context
 * or callback to alexa-sdk (`alexa.registerHandlers(require("./audioEventHandlers"))`): such a handler's report
 * names its own file's intent answers only, so these would stay silent. Each is blocking: Node.js 24 has no
 * context.succeed/fail/done, whatever the handler becomes.
 */
export function reportIntentAnswersElsewhere(file: SourceFile, ctx: TransformContext): void {
  const text = file.getFullText();
  if (!/this\s*\.\s*context\s*\.\s*(succeed|fail|done)\b/.test(text) || !ALEXA_SDK_BINDING.test(text) || TEST_FILE.test(file.getFilePath())) return;
  const coveredHere = ctx.invocation.entryPoints.some((e) => e.platform === "lambda" && e.fn.getSourceFile() === file && alexaSdkHandoff(e.fn, e.fn.getParameters().slice(1, 3)));
  // Converted before (alexa-v1.ts): `Alexa.handler(event, legacyContext(context, resolve, reject)…)`, whose adapter answers them.
  if (coveredHere || ADAPTED_ALEXA.test(text)) return;
  for (const { node, reason } of intentContextAnswers(file, ctx)) ctx.report(node, reason, { rule: "alexa-intent-context" });
}

/** `Alexa.handler(event, legacyContext(context, resolve, reject)…)`: alexa-v1.ts's conversion. */
const ADAPTED_ALEXA = /\.handler\s*\(\s*[\w$.]+\s*,\s*legacyContext\d*\s*\(/;

/** `require("alexa-sdk")` or an import of it. */
const ALEXA_SDK_BINDING = /\brequire\s*\(\s*["'`]alexa-sdk["'`]\s*\)|\bfrom\s*["']alexa-sdk["']|\bimport\s*["']alexa-sdk["']/;

function reasonFor(callee: string, pkg: string, context: string): string {
  const lead = `${context} goes into ${callee}(...) of the package ${pkg}, which settle cannot see, and this handler answers nothing itself, so ${pkg} answers the invocation through ${context}.succeed/fail/done, which Node.js 24 does not have`;
  if (pkg === "alexa-sdk") {
    return `${lead}: move the skill to ask-sdk-core v2 and answer from an async handler: build the skill once (\`const skill = Alexa.SkillBuilders.custom().addRequestHandlers(...).create()\`) and export \`async (event, context) => skill.invoke(event, context)\` (not \`.lambda()\`, whose (event, context, callback) function Node.js 24 refuses); or keep alexa-sdk v1, hand ${callee} a callback as its third argument (\`function (event, ${context}, callback)\`: v1 then answers through it, never through the context) and run settle again`;
  }
  return `${lead}: use ${pkg}'s promise or async API and return its result from an async (event, context) handler, or call it inside \`return new Promise((resolve, reject) => …)\` with an adapter instead of ${context}: \`Object.create(${context}, { succeed: { value: resolve }, fail: { value: (e) => reject(e ?? "handled") }, done: { value: (e, r) => (e != null ? reject(e) : resolve(r)) } })\`; if ${pkg} only reads the context, add \`// settle-ignore-next-line\` before the call`;
}

/**
 * The package a callee comes from: `require("pkg")`, an import of it, a chain of calls and members on one
 * (`Alexa.SkillBuilders.custom().lambda`, `serverless(app)`), or a variable such a chain initialises (two
 * levels); undefined for project code and what settle cannot tie to a package.
 */
export function packageOf(callee: Node, depth: number): string | undefined {
  let root = callee;
  for (;;) {
    if (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root) || Node.isNonNullExpression(root) || Node.isParenthesizedExpression(root)) root = root.getExpression();
    else if ((Node.isCallExpression(root) || Node.isNewExpression(root)) && !isRequire(root)) root = root.getExpression();
    else break;
  }
  if (Node.isCallExpression(root)) {
    const arg = root.getArguments()[0];
    return arg && Node.isStringLiteral(arg) ? packageName(arg.getLiteralValue()) : undefined;
  }
  if (!Node.isIdentifier(root)) return undefined;
  for (const d of declarationNodes(root)) {
    if (!d) continue;
    const variable = Node.isBindingElement(d) ? d.getFirstAncestor((a) => Node.isVariableDeclaration(a)) : d;
    if (variable && Node.isVariableDeclaration(variable)) {
      const module = requiredModuleOf(variable);
      if (module !== undefined) return packageName(module);
      const init = variable.getInitializer();
      if (depth < 2 && init) return packageOf(init, depth + 1);
      continue;
    }
    const imported = d.getFirstAncestor((a) => Node.isImportDeclaration(a));
    if (imported && Node.isImportDeclaration(imported)) return packageName(imported.getModuleSpecifierValue());
    if (Node.isImportEqualsDeclaration(d)) {
      const ref = d.getModuleReference();
      if (Node.isExternalModuleReference(ref)) {
        const arg = ref.getExpression();
        if (arg && Node.isStringLiteral(arg)) return packageName(arg.getLiteralValue());
      }
    }
  }
  return undefined;
}

export const isRequire = (call: Node): boolean => Node.isCallExpression(call) && Node.isIdentifier(call.getExpression()) && call.getExpression().getText() === "require";

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and Node.js's own modules. */
function packageName(specifier: string): string | undefined {
  if (/^[./]/.test(specifier) || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return BUILTINS.has(name) ? undefined : name;
}

/** The packages whose skill builders' `.lambda()` returns an `(event, context, callback)` function (ask-sdk-core's BaseSkillFactory). */
const SKILL_BUILDER_PACKAGES = new Set(["ask-sdk-core", "ask-sdk"]);

/**
 * `exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(...).lambda()`: ask-sdk v2's `.lambda()`
 * returns `(event, context, callback) => { skill.invoke(event, context).then(…callback…) }`, which Node.js 24
 * refuses at init. Reported, not rewritten: `.create()` and `skill.invoke(event, context)` answer as soon as
 * the skill's promise settles, where the callback waited for the event loop (work the skill's handlers leave
 * running), which settle cannot see into.
 */
export function findSkillLambdaExports(file: SourceFile): { node: CallExpression; module: string }[] {
  if (!/\.lambda\s*\(/.test(file.getFullText()) || !/ask-sdk/.test(file.getFullText())) return [];
  const out: { node: CallExpression; module: string }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "lambda" || call.getArguments().length > 0 || !isExported(call)) continue;
    const module = packageOf(callee.getExpression(), 0);
    if (module && SKILL_BUILDER_PACKAGES.has(module)) out.push({ node: call, module });
  }
  return out;
}

/** `exports.x = call`, `module.exports = call`, `export const x = call`, `export default call`. */
export function isExported(call: Node): boolean {
  const parent = call.getParent();
  if (!parent) return false;
  if (Node.isExportAssignment(parent)) return true;
  if (Node.isBinaryExpression(parent) && parent.getRight() === call) return /^(module\.)?exports(\.[\w$]+)?$/.test(parent.getLeft().getText().replace(/\s+/g, ""));
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === call) return parent.getVariableStatement()?.isExported() ?? false;
  return false;
}
