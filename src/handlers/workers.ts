import { Node, type ObjectLiteralExpression, type SourceFile } from "ts-morph";
import { findLocalFunction, unwrapExpression, type EntryNote, type EntryPoint, type FunctionLike } from "./entry-point.js";
import { findDurableObjectMethods } from "./durable-objects.js";
import type { PackageFacts } from "./package-facts.js";
import { isDefaultExportedDeclaration } from "./syntactic-exports.js";

/** The handlers a Worker's default export may have; each is called as (input, env, ctx). */
const HANDLERS = new Map([
  ["fetch", { name: "request", type: "Request" }],
  ["scheduled", { name: "controller", type: "ScheduledController" }],
  ["queue", { name: "batch", type: "MessageBatch" }],
  ["email", { name: "message", type: "ForwardableEmailMessage" }],
  ["tail", { name: "events", type: "TraceItem[]" }],
  ["trace", { name: "traces", type: "TraceItem[]" }],
]);
const WORKERS_PACKAGES = ["wrangler", "@cloudflare/workers-types", "@cloudflare/vite-plugin"];

/** Whether the package deploys to Cloudflare Workers: a wrangler config or a Workers dependency. */
export function targetsWorkers(facts: PackageFacts): boolean {
  return facts.wrangler || WORKERS_PACKAGES.some((p) => facts.dependencies.has(p));
}

/**
 * Cloudflare Workers entry points: the handlers of `export default { fetch, scheduled, queue }`
 * (also `satisfies ExportedHandler<Env>`, or a local object exported by name) and of a default
 * exported `class extends WorkerEntrypoint`. Bun and Deno use the same object shape, so it counts
 * only in a Workers package or when its type says `ExportedHandler`. Also the event methods of the
 * Durable Object classes the file exports (durable-objects.ts).
 */
export function findWorkersHandlers(file: SourceFile, facts: PackageFacts, notes?: EntryNote[]): EntryPoint[] {
  return [...defaultExportHandlers(file, facts), ...findDurableObjectMethods(file, facts, targetsWorkers(facts), notes)];
}

function defaultExportHandlers(file: SourceFile, facts: PackageFacts): EntryPoint[] {
  const exported = defaultExport(file);
  if (!exported) return [];
  const out: EntryPoint[] = [];
  if (Node.isClassDeclaration(exported) || Node.isClassExpression(exported)) {
    const base = exported.getExtends()?.getExpression().getText();
    if (base !== "WorkerEntrypoint") return [];
    for (const method of exported.getMethods()) {
      if (!HANDLERS.has(method.getName()) || method.isStatic() || !method.hasBody()) continue;
      out.push({ platform: "workers", exportName: `default.${method.getName()}`, fn: method, wrapped: false, evidence: "type", defer: { kind: "this.ctx.waitUntil" } });
    }
    return out;
  }
  const typed = /\bExportedHandler\b/.test(typeTextOf(exported));
  if (!typed && !targetsWorkers(facts)) return [];
  const object = unwrapExpression(exported);
  if (!object || !Node.isObjectLiteralExpression(object)) return [];
  for (const prop of object.getProperties()) {
    if (!(Node.isMethodDeclaration(prop) || Node.isPropertyAssignment(prop) || Node.isShorthandPropertyAssignment(prop))) continue;
    const name = prop.getName();
    if (!HANDLERS.has(name)) continue;
    const fn = handlerFunction(file, prop);
    if (fn) out.push({ platform: "workers", exportName: `default.${name}`, fn, wrapped: false, evidence: typed ? "type" : "config", defer: { kind: "ctx.waitUntil", param: 2 } });
  }
  return out;
}

/** The default-exported value: an expression, a local variable's initializer, or a class. */
function defaultExport(file: SourceFile): Node | undefined {
  for (const statement of file.getStatements()) {
    if (Node.isClassDeclaration(statement) && isDefaultExportedDeclaration(statement)) return statement;
    if (!Node.isExportAssignment(statement) || statement.isExportEquals()) continue;
    const expr = unwrapExpression(statement.getExpression());
    if (expr && Node.isIdentifier(expr)) {
      const variable = file.getVariableDeclaration(expr.getText());
      return variable?.getInitializer();
    }
    return statement.getExpression();
  }
  return undefined;
}

/** The type a default export is checked against: `satisfies T`, `as T`, or its variable's annotation. */
function typeTextOf(value: Node): string {
  const texts: string[] = [];
  for (let node: Node | undefined = value; node; node = node.getParent()) {
    if (Node.isSatisfiesExpression(node) || Node.isAsExpression(node)) texts.push(node.getTypeNode()?.getText() ?? "");
    else if (Node.isVariableDeclaration(node)) texts.push(node.getTypeNode()?.getText() ?? "");
    else if (!Node.isParenthesizedExpression(node) && node !== value) break;
  }
  return texts.join(" ");
}

function handlerFunction(file: SourceFile, prop: Node): FunctionLike | undefined {
  if (Node.isMethodDeclaration(prop)) return prop.hasBody() ? prop : undefined;
  if (Node.isShorthandPropertyAssignment(prop)) return findLocalFunction(file, prop.getName())?.fn;
  if (!Node.isPropertyAssignment(prop)) return undefined;
  const init = unwrapExpression(prop.getInitializer());
  if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  if (init && Node.isIdentifier(init)) return findLocalFunction(file, init.getText())?.fn;
  return undefined;
}

/** The parameter a new one is modelled on: `fetch(request, env, ctx)`'s names and, when annotated, types. */
export interface ParamStyle {
  name: string;
  type?: string;
}

/**
 * How a handler's missing (input, env, ctx) parameters are spelled in this file: the names and
 * annotations of a sibling handler that has them, else `request`/`env`/`ctx` with the Workers
 * types; `envType` comes from `ExportedHandler<Env>` when the object says so.
 */
export function workersParamStyle(fn: FunctionLike, handlerName: string): ParamStyle[] {
  const input = HANDLERS.get(handlerName) ?? { name: "request", type: "Request" };
  const style: ParamStyle[] = [input, { name: "env", type: envTypeOf(fn) }, { name: "ctx", type: "ExecutionContext" }];
  const object = objectOf(fn);
  const siblings = object ? siblingHandlers(object) : [];
  for (const sibling of siblings) {
    if (sibling === fn) continue;
    sibling.getParameters().forEach((p, i) => {
      if (i === 0 || i > 2 || !Node.isIdentifier(p.getNameNode())) return;
      style[i] = { name: p.getName(), type: p.getTypeNode()?.getText() ?? style[i].type };
    });
  }
  return style;
}

function siblingHandlers(object: ObjectLiteralExpression): FunctionLike[] {
  return object.getProperties().flatMap((p) => {
    const named = Node.isMethodDeclaration(p) || Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p);
    const fn = named && HANDLERS.has(p.getName()) ? handlerFunction(p.getSourceFile(), p) : undefined;
    return fn ? [fn] : [];
  });
}

/** `Env` in `ExportedHandler<Env>` (the object's declared type), else `Env`. */
function envTypeOf(fn: FunctionLike): string {
  const object = objectOf(fn);
  const text = object ? typeTextOf(object) : "";
  return /\bExportedHandler\s*<\s*([^,>]+)/.exec(text)?.[1].trim() ?? "Env";
}

/** Whether an object handler gets its parameter types from the object's declared type. */
export function isContextuallyTyped(fn: FunctionLike): boolean {
  const object = objectOf(fn);
  return !!object && typeTextOf(object).trim() !== "";
}

/** The object literal a handler is a method or property of. */
function objectOf(fn: FunctionLike): ObjectLiteralExpression | undefined {
  const parent = fn.getParent();
  const object = parent && Node.isPropertyAssignment(parent) ? parent.getParent() : parent;
  return object && Node.isObjectLiteralExpression(object) ? object : undefined;
}
