import path from "node:path";
import { Node, type CallExpression, type PropertyAccessExpression, type SourceFile } from "ts-morph";
import { bindingsOf } from "./bindings.js";
import { packageFactsFor } from "./package-facts.js";
import { findLocalFunction, unwrapExpression, type DeferSupport, type EntryPoint, type FunctionLike } from "./entry-point.js";
import { collectExports } from "./lambda.js";
import { declarationNodes } from "../types/index.js";
import type { PackageFacts } from "./package-facts.js";

const FIREBASE = "firebase-functions";
const FRAMEWORK = "@google-cloud/functions-framework";
/** The subpaths `firebase-functions` exports providers from (`/v1/<p>`, `/v2/<p>`, and, since v6, `/<p>` for v2). */
const PROVIDERS = [
  "https", "firestore", "pubsub", "scheduler", "storage", "database", "auth", "identity", "tasks", "eventarc",
  "alerts", "remoteConfig", "testLab", "analytics", "dataconnect", "ai",
];
/** The providers a level deeper (v2 only, with or without `/v2`): `firebase-functions/alerts/crashlytics`, ... */
const NESTED = ["alerts/appDistribution", "alerts/billing", "alerts/crashlytics", "alerts/performance", "dataconnect/graphql"];
const FIREBASE_MODULES = [
  FIREBASE, `${FIREBASE}/v1`, `${FIREBASE}/v2`,
  ...PROVIDERS.flatMap((p) => [`${FIREBASE}/${p}`, `${FIREBASE}/v1/${p}`, `${FIREBASE}/v2/${p}`]),
  ...NESTED.flatMap((p) => [`${FIREBASE}/${p}`, `${FIREBASE}/v2/${p}`]),
];
/** A trigger's last call: `onRequest`, `onCall`, `onCreate`, `onDocumentCreated`, `onSchedule`, `onRun`, blocking `beforeUserCreated`, `afterGenerateContent`, ... */
const TRIGGER = /^(on[A-Z]\w*|before[A-Z]\w*|after[A-Z]\w*)$/;
/** functions-framework's registrations: `http('name', (req, res) => …)`, `cloudEvent('name', (event) => …)`. */
const REGISTRATIONS = new Set(["http", "cloudEvent"]);

const NO_DEFER: DeferSupport = { kind: "none", why: "Cloud Functions for Firebase and Google Cloud Functions have no primitive to run work after the response" };

/**
 * Firebase and Google Cloud Functions: the function handed to a `firebase-functions` trigger
 * (v1 `functions.https.onRequest(fn)`, `functions.region(..).firestore.document(..).onCreate(fn)`,
 * `functions.pubsub.schedule(..).onRun(fn)`; v2 `onRequest([opts,] fn)`, `onDocumentCreated(..)`,
 * `onSchedule(..)`, …) whose result the module exports (`exports.x =`, `export const x =`), and
 * the one `@google-cloud/functions-framework` registers (`functions.http("x", fn)`,
 * `functions.cloudEvent("x", fn)`), in a package that depends on one of them. The trigger must be
 * bound to the package (a local `onRequest` is not one). An HTTP function ends when it sends its
 * response (`respondsWith`); every other trigger when the promise it returns settles. Neither has a
 * primitive to defer work past that point.
 */
export function findFirebaseFunctions(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  const out: EntryPoint[] = [];
  if (facts.dependencies.has(FIREBASE)) out.push(...firebaseTriggers(file));
  if (facts.dependencies.has(FRAMEWORK)) out.push(...frameworkRegistrations(file), ...frameworkTargets(file, facts));
  return out;
}

/** `functions-framework --target=fn [--signature-type=http|event|cloudevent]`, `gcloud functions deploy x --entry-point=fn [--trigger-http]`. */
const TARGET = /(?:functions-framework\b[^&|;]*?--target[= ]|gcloud\s+functions\s+deploy\b[^&|;]*?--entry-point[= ])["']?([A-Za-z_$][\w$]*)/g;
const SIGNATURE = /--signature-type[= ]["']?(\w+)/;
const targetCache = new WeakMap<object, Map<string, Map<string, string>>>();

/**
 * The function a package's own scripts tell the functions framework (or `gcloud functions deploy`) to
 * serve, exported without a registration (`exports.hello = (req, res) => …`) from the package's main
 * file (package.json `main`, else `index.js`): a deployment config naming it, as serverless.yml does
 * for Lambda. `--signature-type=http` (the default) makes an HTTP function; a legacy event function
 * `(data, context, callback)` answers through its callback and is reported, not rewritten.
 */
function frameworkTargets(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  if (!facts.root) return [];
  const fs = file.getProject().getFileSystem();
  let perProject = targetCache.get(fs);
  if (!perProject) targetCache.set(fs, (perProject = new Map()));
  let targets = perProject.get(facts.root);
  if (!targets) perProject.set(facts.root, (targets = readTargets(fs, facts.root)));
  if (targets.size === 0) return [];
  const main = path.resolve(facts.root, mainOf(fs, facts.root));
  const here = file.getFilePath();
  if (here !== main && here.replace(/\.[cm]?[jt]s$/, "") !== main.replace(/\.[cm]?[jt]s$/, "")) return [];
  const out: EntryPoint[] = [];
  for (const exported of collectExports(file)) {
    const signature = targets.get(exported.name);
    if (!signature || exported.from) continue;
    const fn = Node.isFunctionDeclaration(exported.value) ? exported.value : functionOf(file, exported.value);
    if (!fn) continue;
    const found = entry(exported.name, fn, undefined, signature === "http" && fn.getParameters().length >= 2);
    if (signature !== "http" && fn.getParameters().length >= 3) {
      found.held = "it is in a callback-style handler (an event function (data, context, callback), which the framework ends when the callback is called): call the callback once the work settles, or drop the parameter and make the function async";
    }
    out.push(found);
  }
  return out;
}

function readTargets(fs: { readFileSync(p: string, e?: string): string }, root: string): Map<string, string> {
  const targets = new Map<string, string>();
  let scripts: Record<string, unknown> = {};
  try {
    scripts = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, unknown> }).scripts ?? {};
  } catch {
    return targets;
  }
  for (const script of Object.values(scripts)) {
    if (typeof script !== "string") continue;
    for (const command of script.split(/&&|\|\||;/)) {
      for (const match of command.matchAll(TARGET)) {
        const signature = SIGNATURE.exec(command)?.[1]?.toLowerCase() ?? (/--trigger-(topic|bucket|event)/.test(command) ? "event" : "http");
        targets.set(match[1]!, signature);
      }
    }
  }
  return targets;
}

function mainOf(fs: { readFileSync(p: string, e?: string): string }, root: string): string {
  try {
    const main = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { main?: unknown }).main;
    return typeof main === "string" && main ? main : "index.js";
  } catch {
    return "index.js";
  }
}

function firebaseTriggers(file: SourceFile): EntryPoint[] {
  const bindings = bindingsOf(file, FIREBASE_MODULES);
  if (bindings.size === 0) return [];
  const out: EntryPoint[] = [];
  for (const exported of collectExports(file)) {
    if (exported.from) continue;
    const call = unwrapExpression(exported.value);
    if (!call || !Node.isCallExpression(call)) continue;
    const trigger = triggerName(file, call, bindings);
    if (!trigger) continue;
    const handler = handlerOf(file, call);
    if (handler) out.push(entry(exported.name, handler, call, trigger === "onRequest"));
    else if (trigger === "onRequest") out.push(...expressRoutes(file, call, exported.name));
  }
  return out;
}

/** Express's routing methods: each function argument handles the request (or is middleware on its way). */
const ROUTE_METHODS = new Set(["get", "post", "put", "patch", "delete", "options", "head", "all", "use"]);

/**
 * `onRequest(app)` with an Express app of the file (`const app = express()`, `express` bound to the
 * `express` package): the functions handed to its top-level `app.get(path, ...fns)`, `app.use(fn)`, ...
 * are HTTP functions of that export. Each one's response is its second parameter (the third of a
 * four-parameter error handler `(err, req, res, next)`). An app of another file is not followed.
 */
function expressRoutes(file: SourceFile, call: CallExpression, exportName: string): EntryPoint[] {
  const args = call.getArguments();
  const last = args.length > 0 ? unwrapExpression(args[args.length - 1]) : undefined;
  if (!last || !Node.isIdentifier(last)) return [];
  const app = last.getText();
  const express = bindingsOf(file, ["express"]);
  // `const app = express()`, or `const app = require("express")()`.
  const made = file.getVariableDeclarations().some((d) => {
    if (d.getName() !== app || !Node.isIdentifier(d.getNameNode())) return false;
    const init = d.getInitializer() && unwrapExpression(d.getInitializer()!);
    if (!init || !Node.isCallExpression(init)) return false;
    const maker = unwrapExpression(init.getExpression());
    if (maker && Node.isIdentifier(maker)) return express.has(maker.getText());
    if (!maker || !Node.isCallExpression(maker) || maker.getExpression().getText() !== "require") return false;
    const [name] = maker.getArguments();
    return !!name && Node.isStringLiteral(name) && name.getLiteralText() === "express";
  });
  if (!made) return [];
  const out: EntryPoint[] = [];
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const route = unwrapExpression(statement.getExpression());
    if (!route || !Node.isCallExpression(route)) continue;
    const callee = route.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.getName())) continue;
    if (!Node.isIdentifier(callee.getExpression()) || callee.getExpression().getText() !== app) continue;
    const [first] = route.getArguments();
    const path = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) ? ` ${first.getLiteralText()}` : "";
    // `app.get(path, [cors, auth], handler)`: Express flattens arrays of handlers.
    const handlers = route.getArguments().flatMap((arg) => (Node.isArrayLiteralExpression(arg) ? arg.getElements() : [arg]));
    for (const arg of handlers) {
      const fn = functionOf(file, arg);
      if (!fn) continue;
      const found = entry(`${exportName} (${app}.${callee.getName()}${path})`, fn, route, true);
      if (fn.getParameters().length >= 4) found.respondsWith = 2;
      out.push(found);
    }
  }
  return out;
}

function frameworkRegistrations(file: SourceFile): EntryPoint[] {
  const bindings = bindingsOf(file, [FRAMEWORK]);
  if (bindings.size === 0) return [];
  const out: EntryPoint[] = [];
  for (const statement of file.getStatements()) {
    if (!Node.isExpressionStatement(statement)) continue;
    const call = unwrapExpression(statement.getExpression());
    if (!call || !Node.isCallExpression(call)) continue;
    const callee = call.getExpression();
    // `functions.http(...)` on the module's binding, or a named import `http(...)`.
    const name = Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression()) && bindings.has(callee.getExpression().getText())
      ? callee.getName()
      : Node.isIdentifier(callee) && bindings.has(callee.getText()) ? importedName(file, callee.getText()) : undefined;
    if (!name || !REGISTRATIONS.has(name)) continue;
    const [id, fnArg] = call.getArguments();
    const handler = fnArg && functionOf(file, fnArg);
    if (!handler) continue;
    const label = id && (Node.isStringLiteral(id) || Node.isNoSubstitutionTemplateLiteral(id)) ? id.getLiteralText() : callee.getText();
    const found = entry(label, handler, call, name === "http");
    // An event function of two parameters gets a callback, and the framework waits for that callback, not for a promise.
    if (name === "cloudEvent" && handler.getParameters().length >= 2) {
      found.held = "it is in a callback-style handler (a cloudEvent function whose second parameter is the callback the framework waits for): call the callback once the work settles, or drop the parameter and make the function async";
    }
    out.push(found);
  }
  return out;
}

function entry(exportName: string, fn: FunctionLike, registration: Node | undefined, http: boolean): EntryPoint {
  return {
    platform: "firebase",
    exportName,
    fn,
    wrapped: false,
    evidence: "config",
    defer: NO_DEFER,
    registration,
    ...(http ? { respondsWith: 1 } : {}),
  };
}

/**
 * The trigger a call creates, when its callee is bound to `firebase-functions`: `onRequest` (a
 * named import, aliases followed), `functions.https.onRequest`, `https.onCall`, or the last link of
 * a builder chain rooted at the package (`functions.runWith(o).region(r).firestore.document(p).onCreate`).
 */
function triggerName(file: SourceFile, call: CallExpression, bindings: Map<string, string>): string | undefined {
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) {
    if (!bindings.has(callee.getText())) return undefined;
    const name = importedName(file, callee.getText());
    return name && TRIGGER.test(name) ? name : undefined;
  }
  if (!Node.isPropertyAccessExpression(callee) || !TRIGGER.test(callee.getName())) return undefined;
  let current: Node | undefined = unwrapExpression(callee.getExpression());
  while (current && (Node.isPropertyAccessExpression(current) || Node.isCallExpression(current))) {
    current = unwrapExpression(current.getExpression());
  }
  return current && Node.isIdentifier(current) && bindings.has(current.getText()) ? callee.getName() : undefined;
}

/** The name a local binding imports (`import { onRequest as r }` → onRequest; `const { onCall: c } = require(..)` → onCall). */
function importedName(file: SourceFile, local: string): string | undefined {
  for (const imp of file.getImportDeclarations()) {
    for (const named of imp.getNamedImports()) {
      if ((named.getAliasNode()?.getText() ?? named.getName()) === local) return named.getName();
    }
  }
  for (const d of file.getVariableDeclarations()) {
    const name = d.getNameNode();
    if (!Node.isObjectBindingPattern(name)) continue;
    for (const element of name.getElements()) {
      if (element.getName() === local) return element.getPropertyNameNode()?.getText() ?? local;
    }
  }
  return local;
}

/** The handler among a trigger's arguments: the last one that is a function, or names a function of the file. */
function handlerOf(file: SourceFile, call: CallExpression): FunctionLike | undefined {
  const args = call.getArguments();
  const last = args[args.length - 1];
  return last ? functionOf(file, last) : undefined;
}

function functionOf(file: SourceFile, arg: Node): FunctionLike | undefined {
  const value = unwrapExpression(arg);
  if (!value) return undefined;
  if (Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return value;
  if (Node.isIdentifier(value)) return findLocalFunction(file, value.getText())?.fn;
  return undefined;
}

/** Express response methods (all return the response or nothing, never a promise): `res.status(500).send(..)`. */
const RESPONSE_METHODS = new Set([
  "send", "json", "jsonp", "end", "redirect", "sendStatus", "sendFile", "download", "render", "status", "set", "header",
  "setHeader", "type", "vary", "append", "cookie", "clearCookie", "location", "links", "attachment", "format", "write", "writeHead", "flushHeaders",
]);

/**
 * A call in untyped code that settle knows returns no promise, so it is no "call of unknown type":
 * firebase-functions' logger (`logger.info(..)`, `functions.logger.log(..)`, `log(..)` of
 * `firebase-functions/logger`, all synchronous), and in a function this file registers with
 * firebase-functions or the functions framework a response method on its response parameter
 * (`res.send(..)`, `res.status(204).end()`), Express middleware's `next()`, and the callback a
 * callback-style `cloudEvent` function is handed (`callback()`).
 */
export function isCloudFunctionsPlumbing(expr: Node): boolean {
  if (!Node.isCallExpression(expr)) return false;
  if (isFirebaseLoggerCall(expr)) return true;
  let callee: Node = expr.getExpression();
  let root: Node = callee;
  if (Node.isPropertyAccessExpression(callee)) {
    if (!RESPONSE_METHODS.has(callee.getName())) return false;
    root = callee.getExpression();
    while (Node.isCallExpression(root) && Node.isPropertyAccessExpression(root.getExpression())) {
      const link = root.getExpression() as PropertyAccessExpression;
      if (!RESPONSE_METHODS.has(link.getName())) return false;
      root = link.getExpression();
    }
  }
  if (!Node.isIdentifier(root)) return false;
  const param = declarationNodes(root)[0];
  if (!param || !Node.isParameterDeclaration(param)) return false;
  const fn = param.getParent();
  const file = expr.getSourceFile();
  const facts = packageFactsFor(file);
  if (!facts.dependencies.has(FIREBASE) && !facts.dependencies.has(FRAMEWORK)) return false;
  const entry = findFirebaseFunctions(file, facts).find((e) => e.fn === fn);
  if (!entry) return false;
  const index = entry.fn.getParameters().indexOf(param);
  // `res.…(..)` on the response parameter; a bare call of the event function's callback parameter,
  // or of Express middleware's `next` (the parameter after the response).
  if (root !== callee) return entry.respondsWith === index;
  const last = entry.fn.getParameters().length - 1;
  return (entry.held !== undefined && index === last && index > 0) || (entry.respondsWith !== undefined && index === entry.respondsWith + 1);
}

const LOGGER = `${FIREBASE}/logger`;
const LOG_METHODS = new Set(["log", "info", "debug", "warn", "error", "write"]);

/** `logger.info(..)` (`logger` of firebase-functions, or its logger module), `functions.logger.log(..)`, `log(..)`/`warn(..)` of the logger module. */
function isFirebaseLoggerCall(call: CallExpression): boolean {
  const file = call.getSourceFile();
  const bindings = bindingsOf(file, [FIREBASE, `${FIREBASE}/v1`, `${FIREBASE}/v2`, LOGGER]);
  if (bindings.size === 0 || !packageFactsFor(file).dependencies.has(FIREBASE)) return false;
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) {
    // `const { log, warn } = require("firebase-functions/logger")`.
    const name = importedName(file, callee.getText());
    return bindings.get(callee.getText()) === LOGGER && name !== undefined && LOG_METHODS.has(name);
  }
  if (!Node.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.getName())) return false;
  const receiver = callee.getExpression();
  if (Node.isIdentifier(receiver)) {
    const module = bindings.get(receiver.getText());
    if (!module) return false;
    // The logger module itself (`import * as logger from "firebase-functions/logger"`), or `logger` of the package.
    return module === LOGGER ? !LOG_METHODS.has(importedName(file, receiver.getText()) ?? "") : importedName(file, receiver.getText()) === "logger";
  }
  // `functions.logger.log(..)` on the package's namespace.
  return Node.isPropertyAccessExpression(receiver) && receiver.getName() === "logger" && Node.isIdentifier(receiver.getExpression())
    && bindings.get(receiver.getExpression().getText()) !== undefined && bindings.get(receiver.getExpression().getText()) !== LOGGER;
}
