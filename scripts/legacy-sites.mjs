// Counts the legacy Lambda sites of real repositories before settle, runs settle (a dry run of the
// library's run()), and classifies each site after: converted, reported (by reason), or left silently.
//
//   npm run build && node scripts/legacy-sites.mjs [--json] [--list] <dir>...
//
// Legacy sites, read from the syntax alone (what a reviewer would grep for):
//   handler   an exported function of three or more parameters (Node.js 24 refuses it at init)
//   context   a call of context.succeed / context.fail / context.done (gone on Node.js 24); in a file that
//             binds alexa-sdk, also `this.context.succeed(…)` (v1 hands its intent handlers the Lambda context);
//             also `this._context.succeed(…)` where the file stores a context in that member (`this._context = context`)
//   wait      a use of context.callbackWaitsForEmptyEventLoop (a no-op on Node.js 24)
//   wrapper   an exported serverlessExpress({ … }) instance (three parameters), an exported ask-sdk(-core)
//             skill builder's .lambda() (three parameters), an exported cfn-lambda handler (it answers
//             through context.done), or aws-serverless-express's
//             proxy(server, event, context) answering through context.succeed or the callback
//   handoff   an exported, non-async function that hands its context parameter itself (not a property of
//             it) to a call of a package's function (`Alexa.handler(event, context)`: the callee bound to a
//             require/import of a package, or to a value one call of such a binding built) and answers
//             nothing itself (no `return <value>`, no use of a third parameter, no context.succeed/fail/done):
//             the package answers through the context. Loggers (`log.info(context)`, packages named like
//             loggers or error reporters) and aws-serverless-express (the wrapper kind) are not counted.
// A site that is still there after the run is "reported" when a callback-handlers or callback-apis
// finding lies in the same top-level statement, else "silent".
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { applyPatch } from "diff";
import { globbySync } from "globby";
import ts from "typescript";
import { parse as parseYaml } from "yaml";
import { run } from "../dist/src/index.js";
/** Names of a Lambda context (settle's CONTEXT_NAME). */
const CONTEXT_LIKE = /^(context|ctx|_?context\w*|lambdaContext|awsContext)$/i;

const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const LEGACY_TRANSFORMS = new Set(["callback-handlers", "callback-apis"]);
const SOURCE = ["**/*.{js,cjs,mjs,ts,cts,mts,jsx,tsx}", "!**/node_modules/**", "!**/*.d.ts", "!**/dist/**", "!**/.serverless/**"];

/** The legacy sites of one file's text, each with its kind, line and top-level statement. */
export function findSites(fileName, text) {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? (fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const sites = [];
  const add = (node, k, shape) => {
    let top = node;
    while (top.parent && top.parent !== sf) top = top.parent;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const topStart = sf.getLineAndCharacterOfPosition(top.getStart(sf)).line + 1;
    const topEnd = sf.getLineAndCharacterOfPosition(top.getEnd()).line + 1;
    sites.push({ kind: k, line, topStart, topEnd, shape, text: node.getText(sf).split("\n")[0].slice(0, 100) });
  };
  // `this._context = context;` (classic AlexaSkill.js's Response): members holding the context, answered through later.
  // Member → the name of the function that stores it (the constructor settle's adapter then reaches, `new Response(context, …)`).
  const contextMembers = new Map();
  const findMembers = (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(node.right) && CONTEXT_LIKE.test(node.right.text) && CONTEXT_LIKE.test(node.left.name.text)) {
      let fn = node.parent;
      while (fn && !isFunction(fn)) fn = fn.parent;
      if (!contextMembers.has(node.left.name.text)) contextMembers.set(node.left.name.text, fn ? functionName(fn) : undefined);
    }
    ts.forEachChild(node, findMembers);
  };
  findMembers(sf);
  const functionsByName = new Map();
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name) functionsByName.set(s.name.text, s);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer && isFunction(d.initializer)) functionsByName.set(d.name.text, d.initializer);
    }
  }
  const resolve = (expr) => {
    expr = skipParens(expr);
    if (isFunction(expr)) return { fn: expr, how: "literal" };
    if (ts.isIdentifier(expr) && functionsByName.has(expr.text)) return { fn: functionsByName.get(expr.text), how: "by name" };
    if (ts.isCallExpression(expr)) return { fn: undefined, how: `built by ${expr.expression.getText(sf).slice(0, 40)}(…)` };
    return undefined;
  };
  const wrappers = wrapperBindings(sf);
  const packages = packageBindings(sf);
  const handoff = (fn, owner) => {
    for (const call of packageHandoffs(fn, packages, sf)) {
      add(call, "handoff", `context handed to ${call.expression.getText(sf).replace(/\s+/g, "").slice(0, 40)}(…) of ${packageRoot(call.expression, packages)}`);
      sites[sites.length - 1].owner = owner;
    }
  };
  const exported = (value, at) => {
    const call = skipParens(value);
    if (ts.isCallExpression(call) && wrappers.express.has(call.expression.getText(sf).replace(/\.configure$/, ""))) {
      add(at, "wrapper", "export of a serverless-express instance");
      return;
    }
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "lambda" && call.arguments.length === 0 && ["ask-sdk-core", "ask-sdk"].includes(packageRoot(call.expression.expression, packages))) {
      add(at, "wrapper", "export of an ask-sdk skill builder's .lambda()");
      return;
    }
    if (ts.isCallExpression(call) && (ts.isIdentifier(call.expression) || ts.isCallExpression(call.expression)) && packageRoot(call.expression, packages) === "cfn-lambda") {
      add(at, "wrapper", "export of a cfn-lambda handler (answers through context.done)");
      return;
    }
    const r = resolve(value);
    if (!r) return;
    if (r.fn && isHandlerShaped(r.fn)) {
      add(at, "handler", `export of ${arity(r.fn)} parameters (${r.how})`);
      sites[sites.length - 1].owner = exportedName(at);
    }
    if (r.fn) handoff(r.fn, exportedName(at));
  };
  const visit = (node) => {
    // exports.x = …, module.exports.x = …, module.exports = …
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = node.left.getText(sf).replace(/\s+/g, "");
      if (/^(module\.)?exports\.[\w$]+$/.test(left)) exported(node.right, node);
      else if (left === "module.exports") {
        const right = skipParens(node.right);
        if (ts.isObjectLiteralExpression(right)) {
          for (const p of right.properties) {
            if (ts.isPropertyAssignment(p)) exported(p.initializer, p);
            else if (ts.isShorthandPropertyAssignment(p)) exported(p.name, p);
            else if (ts.isMethodDeclaration(p)) {
              if (isHandlerShaped(p)) add(p, "handler", `export of ${arity(p)} parameters (method)`);
              handoff(p, p.name.getText(sf));
            }
          }
        } else exported(right, node);
      }
    }
    if (ts.isFunctionDeclaration(node) && hasExport(node)) {
      if (isHandlerShaped(node)) add(node, "handler", `export of ${arity(node)} parameters (literal)`);
      handoff(node, node.name?.text);
    }
    if (ts.isVariableStatement(node) && hasExport(node)) for (const d of node.declarationList.declarations) if (d.initializer) exported(d.initializer, d);
    if (ts.isExportAssignment(node)) exported(node.expression, node);
    if (ts.isCallExpression(node) && wrappers.proxy.has(node.expression.getText(sf).replace(/\s+/g, ""))) {
      const mode = node.arguments[3];
      if (!mode || (ts.isStringLiteral(mode) && mode.text !== "PROMISE")) add(node, "wrapper", `aws-serverless-express proxy(…${mode ? `, ${mode.text}` : ""})`);
    }
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const receiver = node.expression;
      if (name === "callbackWaitsForEmptyEventLoop") add(node, "wait", "callbackWaitsForEmptyEventLoop");
      else if (["succeed", "fail", "done"].includes(name) && ts.isPropertyAccessExpression(receiver) && receiver.name.text === "context" && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isCallExpression(node.parent) && node.parent.expression === node && [...packages.values()].includes("alexa-sdk")) {
        add(node.parent, "context", `this.context.${name}(…) in an alexa-sdk v1 intent handler`);
        sites[sites.length - 1].receiver = "this.context";
      }
      else if (["succeed", "fail", "done"].includes(name) && ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword && contextMembers.has(receiver.name.text) && ts.isCallExpression(node.parent) && node.parent.expression === node) {
        add(node.parent, "context", `this.${receiver.name.text}.${name}(…) (a context stored in an object's member)`);
        sites[sites.length - 1].owner = contextMembers.get(receiver.name.text);
      }
      else if (["succeed", "fail", "done"].includes(name) && ts.isIdentifier(receiver) && ts.isCallExpression(node.parent) && node.parent.expression === node && isContext(receiver)) {
        add(node.parent, "context", `context.${name}(…)`);
        sites[sites.length - 1].owner = ownerName(receiver);
        sites[sites.length - 1].receiver = receiver.text;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

/** The name of the function that declares `id` as a parameter (`function f(…)`, `const f = (…) =>`, `exports.f = function (…)`). */
function ownerName(id) {
  for (let n = id.parent; n; n = n.parent) {
    if (!(isFunction(n) || ts.isMethodDeclaration(n))) continue;
    if (!n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) continue;
    if (n.name && ts.isIdentifier(n.name)) return n.name.text;
    const parent = n.parent;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isPropertyAssignment(parent)) return parent.name.getText();
    if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
    return undefined;
  }
  return undefined;
}

/** The name an export site gives its function: `exports.x = …`, `{ x: function … }`. */
function exportedName(at) {
  if (ts.isPropertyAssignment(at) && ts.isIdentifier(at.name)) return at.name.text;
  if (ts.isBinaryExpression(at) && ts.isPropertyAccessExpression(at.left)) return at.left.name.text;
  return undefined;
}

/** Module variables that settle made hold the context adapter: `theContext = legacyContext(context, resolve, reject)`. */
function storedAdapters(sf) {
  const names = new Set();
  const visit = (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && isAdapterCall(node.right)) names.add(node.left.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

const isAdapterCall = (a) => ts.isCallExpression(a) && ts.isIdentifier(a.expression) && /^legacyContext\d*$/.test(a.expression.text);

/**
 * Functions called with settle's context adapter, `helper(…, legacyContext(context, resolve, reject), …)`:
 * their context.succeed/fail/done now settle the handler's promise, so they are no longer legacy sites.
 */
function adaptedHelpers(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const names = new Set();
  const stored = storedAdapters(sf);
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.arguments.some((a) => isAdapterCall(a) || (ts.isIdentifier(a) && stored.has(a.text)))) {
      const callee = node.expression;
      if (ts.isIdentifier(callee)) names.add(callee.text);
      else if (ts.isPropertyAccessExpression(callee)) names.add(callee.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** The callees that functions named in `adapted` hand their own context parameter to, by name. */
function helpersHandedContextBy(fileName, text, adapted) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const names = new Set();
  // `this.T[key].call(this, …, context)` (AlexaSkill.js's dispatch, settle's prototype-dispatch.ts): the keys of the tables T the file assigns.
  const tables = new Map();
  const collect = (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const right = skipParens(node.right);
      if (ts.isObjectLiteralExpression(right)) for (const p of right.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) tables.set(node.left.name.text, [...(tables.get(node.left.name.text) ?? []), p.name.text]);
      if (isFunction(right) && ts.isPropertyAccessExpression(node.left.expression)) tables.set(node.left.expression.name.text, [...(tables.get(node.left.expression.name.text) ?? []), node.left.name.text]);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const tableOf = (expr, fn) => {
    if (ts.isIdentifier(expr) && fn.body) {
      let init;
      const find = (n) => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === expr.text && n.initializer) init = n.initializer;
        ts.forEachChild(n, find);
      };
      find(fn.body);
      if (!init) return [];
      expr = init;
    }
    const table = ts.isElementAccessExpression(expr) || ts.isPropertyAccessExpression(expr) ? expr.expression : undefined;
    if (!table || !ts.isPropertyAccessExpression(table) || table.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
    const keys = tables.get(table.name.text) ?? [];
    return ts.isPropertyAccessExpression(expr) ? keys.filter((k) => k === expr.name.text) : keys;
  };
  const visit = (node) => {
    if ((isFunction(node) || ts.isMethodDeclaration(node)) && adapted.has(functionName(node))) {
      const param = node.parameters.find((p, i) => ts.isIdentifier(p.name) && (i === 1 || /^(context|ctx|_?context\w*|lambdaContext|awsContext)$/i.test(p.name.text)));
      if (param) {
        const inner = (n) => {
          if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.arguments?.some((a) => ts.isIdentifier(a) && a.text === param.name.text)) names.add(n.expression.text);
          if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === param.name.text)) {
            if (ts.isIdentifier(n.expression)) names.add(n.expression.text);
            else if (ts.isPropertyAccessExpression(n.expression)) names.add(n.expression.name.text);
            if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "call" && n.arguments[0]?.kind === ts.SyntaxKind.ThisKeyword) for (const k of tableOf(n.expression.expression, node)) names.add(k);
          }
          ts.forEachChild(n, inner);
        };
        if (node.body) inner(node.body);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

function functionName(fn) {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  // `AlexaSkill.prototype.execute = function (event, context) {…}`
  if (parent && ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}

/** Names bound to serverless-express's configure and to aws-serverless-express's proxy in the file. */
function wrapperBindings(sf) {
  const express = new Set();
  const proxy = new Set();
  const bind = (module, name, named) => {
    if (/^@(vendia|codegenie)\/serverless-express$/.test(module) && (!named || named === "configure")) express.add(name);
    if (module === "aws-serverless-express") {
      if (!named) proxy.add(`${name}.proxy`);
      else if (named === "proxy") proxy.add(name);
    }
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const module = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause?.name) bind(module, clause.name.text);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bind(module, nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) bind(module, e.name.text, (e.propertyName ?? e.name).text);
    }
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer) && node.initializer.expression.getText(sf) === "require") {
      const [arg] = node.initializer.arguments;
      if (arg && ts.isStringLiteral(arg)) {
        if (ts.isIdentifier(node.name)) bind(arg.text, node.name.text);
        else if (ts.isObjectBindingPattern(node.name)) for (const e of node.name.elements) if (ts.isIdentifier(e.name)) bind(arg.text, e.name.text, (e.propertyName ?? e.name).getText(sf));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { express, proxy };
}

/** Node.js's own modules: not packages. */
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, "")));
/** Methods that only read or print what they are given. */
const READERS = /^(log|info|warn|warning|error|debug|trace|fatal|verbose|silly|notice|critical|child|inspect|format|dir|stringify|print|captureException|captureMessage|setContext|addContext|setExtra|addBreadcrumb)$/i;
/** Logging and error-reporting packages: they read the context, never answer. */
const READER_PACKAGES = /(^|[/-])(log|logs|logger|logging|winston|pino|bunyan|debug|loglevel|signale|consola|log4js|npmlog|sentry|bugsnag|rollbar|honeybadger|raven)([/-]|$)|^@sentry\//;

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and Node.js's own modules. */
function packageName(specifier) {
  if (/^[./]/.test(specifier) || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return BUILTINS.has(name) ? undefined : name;
}

/** Names bound to a package in the file: `require("p")`, imports of it, and values one call of those built (`const r = createRouter()`). */
function packageBindings(sf) {
  const names = new Map();
  const requireOf = (init) => init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "require" && init.arguments[0] && ts.isStringLiteral(init.arguments[0]) ? init.arguments[0].text : undefined;
  const built = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const pkg = packageName(node.moduleSpecifier.text);
      const clause = node.importClause;
      if (pkg && clause) {
        if (clause.name) names.set(clause.name.text, pkg);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) names.set(nb.name.text, pkg);
        if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.set(e.name.text, pkg);
      }
    }
    if (ts.isVariableDeclaration(node) && node.initializer) {
      let init = node.initializer;
      while (ts.isPropertyAccessExpression(init)) init = init.expression;
      const module = requireOf(init);
      if (module !== undefined) {
        const pkg = packageName(module);
        if (pkg && ts.isIdentifier(node.name)) names.set(node.name.text, pkg);
        else if (pkg && ts.isObjectBindingPattern(node.name)) for (const e of node.name.elements) if (ts.isIdentifier(e.name)) names.set(e.name.text, pkg);
      } else if (ts.isIdentifier(node.name) && (ts.isCallExpression(node.initializer) || ts.isNewExpression(node.initializer))) built.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const node of built) {
    const pkg = packageRoot(node.initializer.expression, names);
    if (pkg && !names.has(node.name.text)) names.set(node.name.text, pkg);
  }
  return names;
}

/** The package a callee comes from, by its root name (`Alexa.handler` → alexa-sdk), or `require("p")(…)`. */
function packageRoot(callee, packages) {
  let root = callee;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  if (ts.isCallExpression(root) && ts.isIdentifier(root.expression) && root.expression.text === "require") {
    const arg = root.arguments[0];
    return arg && ts.isStringLiteral(arg) ? packageName(arg.text) : undefined;
  }
  if (ts.isCallExpression(root) || ts.isNewExpression(root)) return packageRoot(root.expression, packages);
  return ts.isIdentifier(root) ? packages.get(root.text) : undefined;
}

/** The calls of a package's function that `fn` hands its context itself to, when `fn` answers nothing itself (the handoff kind). */
function packageHandoffs(fn, packages, sf) {
  if (!fn.body || !ts.isBlock(fn.body) || fn.parameters.length < 2) return [];
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return [];
  const [, contextParam, callbackParam] = fn.parameters;
  if (!ts.isIdentifier(contextParam.name)) return [];
  const context = contextParam.name.text;
  const callback = callbackParam && ts.isIdentifier(callbackParam.name) ? callbackParam.name.text : undefined;
  let answers = false;
  const calls = [];
  const own = (node, nested) => {
    if (!nested && ts.isReturnStatement(node) && node.expression) answers = true;
    if (callback && ts.isIdentifier(node) && node.text === callback && node !== callbackParam.name && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) answers = true;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === context && ["succeed", "fail", "done"].includes(node.name.text)) answers = true;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some((a) => ts.isIdentifier(a) && a.text === context)) {
      const callee = node.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      const pkg = packageRoot(callee, packages);
      if (pkg && !(method && (READERS.test(method) || ["bind", "call", "apply"].includes(method))) && !READER_PACKAGES.test(pkg) && pkg !== "aws-serverless-express") calls.push(node);
    }
    ts.forEachChild(node, (child) => own(child, nested || isFunction(child) || ts.isMethodDeclaration(child)));
  };
  own(fn.body, false);
  return answers ? [] : calls;
}

function isFunction(n) {
  return ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isFunctionDeclaration(n);
}
function skipParens(n) {
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || (ts.isSatisfiesExpression && ts.isSatisfiesExpression(n))) n = n.expression;
  return n;
}
/** `length` at run time: the parameters before the first default or rest parameter. */
function arity(fn) {
  let n = 0;
  for (const p of fn.parameters) {
    if (p.initializer || p.dotDotDotToken) break;
    if (n === 0 && ts.isIdentifier(p.name) && p.name.text === "this") continue;
    n++;
  }
  return n;
}
/**
 * Three or more parameters, the second named like a context, or the first like an event and the third
 * like a callback (not any exported helper that takes a callback third).
 */
function isHandlerShaped(fn) {
  if (arity(fn) < 3) return false;
  const [first, second, third] = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ""));
  if (/^_?(context|ctx|c|lambdaContext|awsContext)$/i.test(second)) return true;
  return /^_?(event|evt|e|input|payload|request)$/i.test(first) && /^_?(cb|callback|done|next|respond|cb\w+|callback\w*)$/i.test(third);
}
function hasExport(node) {
  return !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
/** The receiver names a Lambda context: a parameter of a function around it called like one or in second place, or a `context` variable. */
function isContext(id) {
  for (let n = id.parent; n; n = n.parent) {
    if (isFunction(n) || ts.isMethodDeclaration(n)) {
      const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
      if (index === 1) return true;
      if (index !== -1) return /^(context|ctx|_?context\w*|lambdaContext|awsContext)$/i.test(id.text);
    }
  }
  // Or a variable a context was stored in (`theContext = context`), by its name.
  return /^(context|ctx|\w*context\w*|awsContext)$/i.test(id.text);
}

/** Azure Functions (a function.json or host.json up the tree, or a serverless.yml for azure) have a `context.done` of their own. */
function isAzure(root, file) {
  for (let dir = path.dirname(path.join(root, file)); dir.startsWith(root); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "function.json")) || existsSync(path.join(dir, "host.json"))) return true;
    const yml = path.join(dir, "serverless.yml");
    if (existsSync(yml) && /provider:\s*\n\s+name:\s*azure/.test(readFileSync(yml, "utf8"))) return true;
    if (dir === root) break;
  }
  return false;
}

/**
 * The provider other than AWS (and Azure, above) that the serverless.yml beside the file's nearest
 * package.json deploys to (`provider: { name: twilio }`), as settle reads it (src/handlers/package-facts.ts):
 * those functions are no Lambda handlers, and settle leaves them with a note; counted apart.
 */
function otherProvider(root, file) {
  for (let dir = path.dirname(path.join(root, file)); dir.startsWith(root); dir = path.dirname(dir)) {
    if (!existsSync(path.join(dir, "package.json"))) {
      if (dir === root) break;
      continue;
    }
    for (const name of ["serverless.yml", "serverless.yaml"]) {
      if (!existsSync(path.join(dir, name))) continue;
      try {
        const provider = parseYaml(readFileSync(path.join(dir, name), "utf8"), { logLevel: "silent", strict: false, uniqueKeys: false })?.provider;
        const named = typeof provider === "string" ? provider : provider?.name;
        if (typeof named !== "string" || named.includes("${")) return undefined;
        const lower = named.trim().toLowerCase();
        return lower === "aws" || lower === "azure" || lower === "" ? undefined : lower;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
  return undefined;
}

/** A finding's reason without its specifics (names, positions), so equal shapes group together. */
function reasonKey(reason) {
  return reason
    .replace(/; the handler stays callback-style, which fails on Node\.js 24$/, "")
    .replace(/\([\w.-]+:\d+\)/g, "(…)")
    .replace(/`[^`]*`/g, "`…`")
    .slice(0, 160);
}

async function measure(dir) {
  const root = path.resolve(dir);
  const files = globbySync(SOURCE, { cwd: root, gitignore: false });
  const before = new Map();
  let testSites = 0;
  const otherProviderSites = {};
  for (const f of files) {
    const text = readFileSync(path.join(root, f), "utf8");
    let sites = findSites(f, text).filter((site) => site.kind !== "context" || !isAzure(root, f));
    const provider = sites.length > 0 ? otherProvider(root, f) : undefined;
    if (provider) {
      otherProviderSites[provider] = (otherProviderSites[provider] ?? 0) + sites.length;
      sites = [];
    }
    // Test code is not deployed (settle finds no handlers there): counted apart, not as legacy sites.
    if (TEST_PATH.test(f)) testSites += sites.length;
    else if (sites.length > 0) before.set(f, { text, sites });
  }
  const result = await run({ paths: ["."], cwd: root, mode: "dry-run" });
  const outcomes = new Map(result.files.map((o) => [o.path, o]));
  const findings = new Map();
  for (const f of result.findings) {
    const rel = path.relative(root, path.resolve(root, f.file)).split(path.sep).join("/");
    if (!findings.has(rel)) findings.set(rel, []);
    findings.get(rel).push(f);
  }
  const tally = { sites: 0, converted: 0, adapted: 0, reported: 0, silent: 0, notProcessed: 0, byKind: {}, reasons: {}, silentSites: [], reportedSites: [] };
  const afterTexts = new Map();
  const adapted = new Set();
  for (const o of result.files) {
    if (o.status !== "changed" || !o.diff) continue;
    // settle's diff is of the text without its BOM (the BOM is kept on write, not shown in the diff).
    const text = readFileSync(path.join(root, o.path), "utf8").replace(/^\uFEFF/, "");
    const patched = applyPatch(text, o.diff);
    if (patched === false) throw new Error(`${o.path}: the dry run's diff does not apply`);
    afterTexts.set(o.path, patched);
    for (const name of adaptedHelpers(o.path, patched)) adapted.add(name);
  }
  // A helper handed an adapted helper's own context (`handleEvent(event, context)` → `upload(context, docs)`) gets the adapter too.
  for (let grew = adapted.size > 0; grew; ) {
    grew = false;
    for (const [file, { text }] of before) {
      for (const name of helpersHandedContextBy(file, afterTexts.get(file) ?? text, adapted)) {
        if (!adapted.has(name)) (adapted.add(name), (grew = true));
      }
    }
  }
  for (const [file, { text, sites }] of before) {
    const outcome = outcomes.get(file);
    const afterText = afterTexts.get(file) ?? text;
    const all = outcome?.status === "changed" ? findSites(file, afterText).filter((site) => site.kind !== "context" || !isAzure(root, file)) : sites;
    // A helper's context.succeed/fail/done that only ever gets the adapter is converted, though its text stays.
    const legacyFindings = (findings.get(file) ?? []).filter((f) => LEGACY_TRANSFORMS.has(f.transform));
    const reportedAt = (site) => legacyFindings.some((f) => f.line >= site.topStart && f.line <= site.topEnd);
    // So is a call through a module variable that holds the adapter, and an exported helper of handler shape that gets it.
    const stored = storedAdapters(ts.createSourceFile(file, afterText, ts.ScriptTarget.Latest, true));
    // An alexa-sdk v1 intent handler's this.context.succeed(…) in a file whose handler now hands v1 the adapter (`Alexa.handler(event, legacyContext(…))`).
    const alexaAdapted = /\.handler\s*\(\s*[\w$.]+\s*,\s*legacyContext\d*\s*\(/.test(afterText);
    const adaptedSite = (site) =>
      (site.kind === "context" && site.receiver === "this.context" && alexaAdapted) ||
      (site.kind === "context" && ((site.owner && adapted.has(site.owner)) || (site.receiver && stored.has(site.receiver)))) ||
      (site.kind === "handler" && site.owner && adapted.has(site.owner));
    const after = all.filter((site) => !adaptedSite(site) || reportedAt(site));
    tally.adapted += all.length - after.length;
    for (const k of ["handler", "context", "wait", "wrapper", "handoff"]) {
      const mine = sites.filter((s) => s.kind === k);
      if (mine.length === 0) continue;
      const remaining = after.filter((s) => s.kind === k).length;
      const byKind = (tally.byKind[k] ??= { sites: 0, converted: 0, reported: 0, silent: 0 });
      tally.sites += mine.length;
      byKind.sites += mine.length;
      const converted = Math.max(0, mine.length - remaining);
      tally.converted += converted;
      byKind.converted += converted;
      // The remaining ones, attributed to the original sites that have a finding in their statement first.
      const withFinding = mine.map((s) => ({ s, f: legacyFindings.filter((f) => f.line >= s.topStart && f.line <= s.topEnd) }));
      withFinding.sort((a, b) => b.f.length - a.f.length);
      for (const { s, f } of withFinding.slice(0, remaining)) {
        const where = `${path.basename(root)}/${file}:${s.line}`;
        if (outcome && outcome.status !== "changed" && outcome.status !== "unchanged") {
          tally.notProcessed++;
          tally.silentSites.push({ where, kind: k, shape: s.shape, text: s.text, why: `not processed: ${outcome.reason}` });
        } else if (f.length > 0) {
          tally.reported++;
          byKind.reported++;
          const keys = [...new Set(f.map((x) => reasonKey(x.reason)))];
          for (const key of keys) tally.reasons[key] = (tally.reasons[key] ?? 0) + 1;
          tally.reportedSites.push({ where, kind: k, shape: s.shape, text: s.text, reasons: keys });
        } else {
          tally.silent++;
          byKind.silent++;
          tally.silentSites.push({ where, kind: k, shape: s.shape, text: s.text });
        }
      }
    }
  }
  return { dir: root, counts: result.counts, testSites, otherProviderSites, ...tally };
}

const args = process.argv.slice(2);
const asJson = args.includes("--json");
const list = args.includes("--list");
const dirs = args.filter((a) => !a.startsWith("--"));
if (dirs.length === 0) {
  process.stderr.write("usage: node scripts/legacy-sites.mjs [--json] [--list] <dir>...\n");
  process.exit(2);
}
/** `; 3 more on other providers (twilio 2, aliyun 1), left alone`, or nothing. */
function otherProviders(r) {
  const entries = Object.entries(r.otherProviderSites).sort((a, b) => b[1] - a[1]);
  const n = entries.reduce((sum, [, count]) => sum + count, 0);
  return n === 0 ? "" : `; ${n} more on other providers (${entries.map(([p, count]) => `${p} ${count}`).join(", ")}), left alone`;
}

const results = [];
for (const dir of dirs) results.push(await measure(dir));
if (asJson) {
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
} else {
  for (const r of results) {
    const pct = (n) => (r.sites ? `${((100 * n) / r.sites).toFixed(0)}%` : "-");
    console.log(`${r.dir}: ${r.sites} legacy sites: ${r.converted} converted (${pct(r.converted)}; ${r.adapted} of them in helpers now given the context adapter), ${r.reported} reported (${pct(r.reported)}), ${r.silent} silent, ${r.notProcessed} in files not processed; ${r.testSites} more in test files${otherProviders(r)}`);
    for (const [k, v] of Object.entries(r.byKind)) console.log(`  ${k}: ${v.sites} sites, ${v.converted} converted, ${v.reported} reported, ${v.silent} silent`);
    for (const [reason, n] of Object.entries(r.reasons).sort((a, b) => b[1] - a[1])) console.log(`  reported ${n}× ${reason}`);
    if (list) {
      for (const s of r.silentSites) console.log(`  silent ${s.where} [${s.kind}: ${s.shape}] ${s.text}${s.why ? ` (${s.why})` : ""}`);
      for (const s of r.reportedSites) console.log(`  reported ${s.where} [${s.kind}: ${s.shape}] ${s.text}\n    because: ${s.reasons.join(" | ")}`);
    }
  }
}
