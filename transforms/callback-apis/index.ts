import { Node, SyntaxKind, type SourceFile, type Statement } from "ts-morph";
import { afterResponseReason, responseSentBefore } from "../../src/after-response.js";
import { guardChecker } from "../../src/checker-guard.js";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import { ownStatements } from "../../src/function-body.js";
import { isFunctionLike, type FunctionLike } from "../../src/handlers/entry-point.js";
import { whereWorkWrites } from "../../src/feeds-response.js";
import { makeAsync, whyNotMakeAsync } from "../../src/make-async.js";
import { matchCallbackApi, moduleBindingOf } from "./match.js";
import { renderPromiseWrapper } from "./promise-wrapper.js";
import { planStreamListener } from "./stream-events.js";
import { declaresAgain, placeOf, renderCallbackApi, type Rendered, type RenderOptions } from "./rewrite.js";
import { answersThroughDone } from "../../src/handlers/azure.js";
import { declarationsOf } from "../../src/types/index.js";

const TIMERS = "node:timers/promises";

/**
 * Callback APIs and timers start work that the invocation does not wait for: await their promise
 * forms instead (`fs.promises`, `node:timers/promises`, `dns.promises`, `util.promisify`, `new Promise`),
 * with the callback's body after the await.
 */
export default defineTransform({
  id: "callback-apis",
  summary:
    "await the promise form of callback APIs a handler starts: setTimeout/setImmediate → node:timers/promises, fs.*(…, cb) → fs.promises, AWS SDK v2 client.method(params, cb) → .promise(), dns.* → dns.promises, zlib/crypto/child_process/fs descriptor functions → util.promisify, stream.pipeline/finished → stream.promises, other typed error-first callbacks and JavaScript project functions error-first by their implementation → new Promise (several results: a destructured array); the callback's body follows the await, its error branch becomes a catch",
  requiresTypeInfo: true,
  run(file, ctx) {
    const typescript = /\.[cm]?tsx?$/.test(file.getFilePath());
    const planned = ctx.invocation.functionsIn(file).flatMap((fn) => planFunction(fn, ctx, typescript));
    awaitStreamListeners(file, ctx, typescript);
    if (planned.length === 0) return;
    // The promise forms' names shadow the globals in the whole file: import them only when every use
    // of the global is rewritten, else await a promise around the global timer.
    const names = new Map<string, string | undefined>();
    for (const name of ["setTimeout", "setImmediate"] as const) {
      const uses = globalUses(file, name);
      const rewritten = new Set(planned.flatMap((p) => p.timers));
      const all = uses.length > 0 && uses.every((u) => rewritten.has(u));
      names.set(name, all ? ctx.addImport(TIMERS, name) : undefined);
    }
    // `util.promisify` as the file already has it, else imported once a rewrite uses it.
    const promisify = () => {
      const util = promisifyIn(file);
      return util?.imported ? ctx.addImport("node:util", "promisify") : util?.name;
    };
    const awaitTimer: RenderOptions["awaitTimer"] = (name, delay) => {
      const local = names.get(name);
      if (local) return `await ${local}(${delay})`;
      return `await new Promise((resolve) => ${name}(resolve${delay ? `, ${delay}` : ""}))`;
    };
    for (const p of planned) {
      const rendered = p.render({ ...p.opts, awaitTimer, timers: [], promisify });
      if (rendered && "text" in rendered) ctx.replace(p.statement, rendered.text);
    }
    for (const fn of new Set(planned.map((p) => p.fn))) if (!fn.isAsync()) makeAsync(fn, ctx);
  },
});

interface Planned {
  fn: FunctionLike;
  statement: Statement;
  render(opts: RenderOptions): Rendered | undefined;
  opts: Omit<RenderOptions, "awaitTimer" | "timers" | "promisify">;
  timers: Node[];
}

/**
 * The callback calls of one function's own flow that can be rewritten; the others are reported.
 * Only async functions and handlers that may become async are rewritten: elsewhere an await would
 * change what the callers receive.
 */
function planFunction(fn: FunctionLike, ctx: TransformContext, typescript: boolean): Planned[] {
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) return [];
  const entry = ctx.invocation.entryPointOf(fn);
  if (!fn.isAsync() && !entry) return [];
  // The callback of a call this transform matches is inlined (or reported) with that call.
  const holder = fn.getParent()?.getParent();
  if (holder && Node.isExpressionStatement(holder) && matchCallbackApi(holder)) return [];
  // A callback-style handler is the callback-handlers transform's: it reports this work itself.
  // An async one too: until callback-handlers converts it (an earlier pass of the same run), awaiting here would
  // move its `callback(…)` later, and Node.js 24 refuses the handler anyway.
  if (entry?.platform === "lambda" && fn.getParameters().length >= 3) return [];
  if (answersThroughDone(entry)) return [];
  const planned: Planned[] = [];
  const opts = { host: fn, typescript };
  // Planning only asks which name promisify would have; the final render imports it.
  // Asked only when a rewrite would use promisify (finding the file's binding may ask the checker).
  const planning = { awaitTimer: () => "", promisify: () => promisifyIn(fn.getSourceFile())?.name };
  const settles = entry ? settlingPattern(fn) : undefined;
  const declared = new Set<string>();
  // A checker failure on one statement costs that statement: it is reported, the others are still rewritten.
  const planStatement = (statement: Statement, guarded: TransformContext): Planned | undefined => {
    if (Node.isReturnStatement(statement) && fn.isAsync() && !guarded.isIgnored(statement)) {
      // `return new Promise(...)` around a callback API (callback-handlers writes these): await its promise form directly.
      const timers: Node[] = [];
      const render = (o: RenderOptions) => renderPromiseWrapper(statement, o);
      return render({ ...opts, ...planning, timers }) ? { fn, statement, render, opts, timers } : undefined;
    }
    const api = matchCallbackApi(statement);
    if (!api || guarded.isIgnored(statement)) return undefined;
    // Its callback ends the invocation (`context.succeed(data)`, `callback(err)`): callback-handlers' work, not escaping work.
    if (settles?.test(statement.getText())) return undefined;
    // An HTTP function's invocation ends with its response (Cloud Functions): no await after it keeps the work inside.
    const sent = entry && responseSentBefore(entry, statement);
    if (sent) {
      guarded.report(statement, afterResponseReason("callback work", sent));
      return undefined;
    }
    const hangs = api.kind === "unsupported" ? undefined : whyCallbackWouldHang(api.callback, statement);
    if (hangs) {
      guarded.report(statement, hangs);
      return undefined;
    }
    const timers: Node[] = [];
    const place = { ...placeOf(statement, fn), isolate: api.kind !== "unsupported" && declaresAgain(declared, api.callback) };
    const rendered = renderCallbackApi(api, statement, place, { ...opts, ...planning, timers });
    if ("reason" in rendered) {
      guarded.report(statement, `${rendered.reason}; not rewritten`);
      return undefined;
    }
    return { fn, statement, render: (o) => renderCallbackApi(api, statement, place, o), opts, timers };
  };
  for (const statement of ownStatements(fn)) {
    const plan = guardChecker(ctx, statement, undefined, (guarded) => planStatement(statement, guarded));
    if (plan) planned.push(plan);
  }
  if (planned.length > 0 && !fn.isAsync()) {
    const why = whyNotMakeAsync(fn, ctx);
    if (why) {
      for (const p of planned) ctx.report(p.statement, `callback work not rewritten: ${why}`);
      return [];
    }
  }
  return planned;
}

/**
 * The callback's body moves before the return once the call is awaited. Where it awaits writes into
 * the stream the handler answers with, nobody reads that stream until the return: a hang.
 */
function whyCallbackWouldHang(callback: Node, statement: Statement): string | undefined {
  if (!isFunctionLike(callback) || callback.getDescendantsOfKind(SyntaxKind.AwaitExpression).length === 0) return undefined;
  const stream = whereWorkWrites(statement, callback);
  if (!stream) return undefined;
  return `callback work not rewritten: ${"feeds" in stream ? stream.feeds : stream.unknown}`;
}

/**
 * `out.on("finish", () => …)` on a file stream in an async function of the invocation: awaited with
 * `once` from node:events where the stream is ended (see stream-events.ts), else reported.
 */
function awaitStreamListeners(file: SourceFile, ctx: TransformContext, typescript: boolean): void {
  // The streams are made in the file: without the names there is nothing to find (and no second walk of every function).
  if (!/create(Write|Read)Stream/.test(file.getFullText())) return;
  for (const fn of ctx.invocation.functionsIn(file)) {
    if (!fn.isAsync()) continue;
    for (const statement of ownStatements(fn)) {
      if (ctx.isIgnored(statement)) continue;
      guardChecker(ctx, statement, undefined, (guarded) => {
        const plan = planStreamListener(statement, fn, { host: fn, typescript });
        if (!plan) return;
        const once = "reason" in plan ? undefined : guarded.addImport("node:events", "once");
        if ("reason" in plan || !once) {
          const why = "reason" in plan ? plan.reason : "something else in the file is called `once`";
          guarded.report(statement, `a file stream's listener runs after the invocation answered; ${why}; not rewritten`);
          return;
        }
        for (const edit of plan.render(once)) guarded.replace({ start: edit.start, end: edit.end }, edit.text);
      });
    }
  }
}

/**
 * How the file can call `util.promisify`: a binding it already has (`const util = require("util")`,
 * `import { promisify } from "node:util"`), else `promisify` imported from "node:util" (`imported`)
 * unless something else in the file has that name.
 */
export function promisifyIn(file: SourceFile): { name: string; imported: boolean } | undefined {
  // Asked once per function (and per handler by callback-handlers): cached per parsed file, whose tree never changes.
  const key = file.compilerNode;
  if (!promisifyCache.has(key)) promisifyCache.set(key, findPromisify(file));
  return promisifyCache.get(key);
}

const promisifyCache = new WeakMap<object, { name: string; imported: boolean } | undefined>();

function findPromisify(file: SourceFile): { name: string; imported: boolean } | undefined {
  const imported = file.getImportDeclarations().flatMap((d) => [d.getDefaultImport(), d.getNamespaceImport(), ...d.getNamedImports().map((n) => n.getAliasNode() ?? n.getNameNode())]);
  const required = file.getVariableStatements().flatMap((s) => s.getDeclarations()).flatMap((d) => {
    const name = d.getNameNode();
    return Node.isObjectBindingPattern(name) ? name.getElements().map((e) => e.getNameNode()) : [name];
  });
  for (const id of [...imported, ...required]) {
    if (!id || !Node.isIdentifier(id)) continue;
    const bound = moduleBindingOf(id);
    if (bound?.module === "util" && !bound.name) return { name: `${id.getText()}.promisify`, imported: false };
    if (bound?.module === "util" && bound.name === "promisify") return { name: id.getText(), imported: false };
  }
  const taken = file.getFullText().includes("promisify") && file.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === "promisify");
  return taken ? undefined : { name: "promisify", imported: true };
}

/** `context.succeed/fail/done(` or a call of the callback parameter: a Lambda handler's settling calls. */
function settlingPattern(fn: FunctionLike): RegExp | undefined {
  const [, context, callback] = fn.getParameters().map((p) => {
    const name = p.getNameNode();
    return Node.isIdentifier(name) ? name.getText().replace(/\$/g, "\\$") : undefined;
  });
  const parts = [context && `\\b${context}\\s*\\.\\s*(succeed|fail|done)\\b`, callback && `\\b${callback}\\b`].filter(Boolean);
  return parts.length > 0 ? new RegExp(parts.join("|")) : undefined;
}

/** References to the global timer (not a local binding of that name, not a property name). */
function globalUses(file: Node, name: string): Node[] {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => {
    if (id.getText() !== name) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) return false;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) return false;
    return declarationsOf(id).every((d) => d.inDeclarationFile);
  });
}
