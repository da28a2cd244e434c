import { Node, type PropertyAccessExpression } from "ts-morph";
import { afterResponseReason, responseSentBefore } from "../../src/after-response.js";
import { defineTransform, type TransformContext } from "../../src/define-transform.js";
import type { FunctionLike } from "../../src/handlers/entry-point.js";
import { whereWorkWrites } from "../../src/feeds-response.js";
import { usesSemicolons } from "../../src/layout.js";
import { makeAsync, whyNotMakeAsync } from "../../src/make-async.js";
import { CHECKER_FAILED } from "../../src/promises.js";
import { eventMatches } from "./events.js";
import { fixListenerOptions, fixOnOptions } from "./listener-options.js";
import { emitCallsOf, scanProject, type EmitCall, type ProjectScan } from "./project-scan.js";
import { reportGlobalDispatches } from "./event-target.js";
import { emitterIdentity } from "./receivers.js";

/**
 * `emit` starts async listeners and returns: the invocation ends before they finish. EventEmitter2
 * (and @nestjs/event-emitter) has `emitAsync`, which waits for every listener's promise; Node's
 * EventEmitter has nothing of the kind, so its emits with async listeners are reported.
 */
export default defineTransform({
  id: "emitters",
  summary:
    "await event listeners: EventEmitter2 / @nestjs/event-emitter emit(...) becomes await emitAsync(...) (and @OnEvent async listeners get promisify); Node EventEmitter emits and global dispatchEvent(...) calls with async listeners are reported",
  requiresTypeInfo: true,
  run(file, ctx) {
    if (ctx.invocation.isEmpty) return;
    const functions = ctx.invocation.functionsIn(file);
    const scan = scanProject(file, ctx.invocation);
    for (const fn of functions) settleEmits(fn, scan, ctx);
    for (const fn of functions) reportGlobalDispatches(fn, ctx, ctx.invocation);
    for (const listener of scan.nestListeners) {
      if (listener.decorator.getSourceFile() === file) fixListenerOptions(listener, scan.invocationEmits, ctx);
    }
    if (scan.invocationEmits.length > 0) {
      for (const listener of scan.listeners()) if (listener.call.getSourceFile() === file) fixOnOptions(listener, scan.invocationEmits, ctx);
    }
    for (const failed of scan.failures) if (failed.getSourceFile() === file) ctx.report(failed, CHECKER_FAILED);
  },
});

function settleEmits(fn: FunctionLike, scan: ProjectScan, ctx: TransformContext): void {
  const rewrites: EmitCall[] = [];
  // An emit the checker fails on costs that emit only (reported with the scan's failures), the others are still rewritten.
  for (const emit of emitCallsOf(fn, scan)) {
    if (ctx.isIgnored(emit.call)) continue;
    const name = (emit.call.getExpression() as PropertyAccessExpression).getName();
    if (emit.kind === "node") reportNodeEmit(emit, scan, ctx);
    else if (name === "emit") {
      if (onlySyncListeners(emit, scan)) continue;
      const why = afterResponse(emit, fn, ctx) ?? whyNotRewrite(emit, fn);
      if (why) ctx.report(emit.call, why);
      else rewrites.push(emit);
    }
  }
  if (rewrites.length === 0) return;
  if (!fn.isAsync()) {
    const why = whyNotMakeAsync(fn, ctx);
    if (why) {
      for (const emit of rewrites) ctx.report(emit.call, `emit(...) not rewritten to await emitAsync(...): ${why}`);
      return;
    }
    makeAsync(fn, ctx);
  }
  for (const { call } of rewrites) {
    const callee = call.getExpression() as PropertyAccessExpression;
    const body = fn.getBody()!;
    if (Node.isBlock(body)) {
      ctx.insertBefore(call, "await ");
      ctx.replace(callee.getNameNode(), "emitAsync");
      continue;
    }
    // `=> void bus.emit(...)` returned undefined; so does the block body that awaits the listeners.
    const text = call.getText();
    const name = callee.getNameNode().getStart() - call.getStart();
    const awaited = `await ${text.slice(0, name)}emitAsync${text.slice(name + "emit".length)}`;
    const statement = fn.getFirstAncestor((a) => Node.isStatement(a));
    const semi = !statement || usesSemicolons(statement) ? ";" : "";
    ctx.replace(body, `{ ${awaited}${semi} }`);
  }
}

/**
 * The event is constant, and every listener of it the project registers finishes inside emit():
 * @OnEvent methods for that event, and `.on(...)`-style listeners on the same emitter. Listeners
 * that settle cannot see (registered with a computed event) keep the emit rewritten.
 */
function onlySyncListeners(emit: EmitCall, scan: ProjectScan): boolean {
  const events = emit.events;
  if (!events) return false;
  const covers = (names: string[] | undefined) => !names || names.some((name) => events.some((e) => eventMatches(name, e)));
  const identity = emit.identity;
  const nest = scan.nestListeners.filter((l) => covers(l.events));
  const on = scan.listeners().filter((l) => l.kind === "eventemitter2" && identity !== undefined && l.emitter === identity && covers(l.events));
  const all = [...nest.map((l) => l.sync), ...on.map((l) => !l.async)];
  // A listener the checker failed on may be async: the emit stays rewritten.
  return all.length > 0 && all.every(Boolean) && !scan.listenerFailed();
}

/** An emit an HTTP function starts after sending its response (Cloud Functions): awaiting it there keeps nothing inside. */
function afterResponse(emit: EmitCall, fn: FunctionLike, ctx: TransformContext): string | undefined {
  const entry = ctx.invocation.entryPointOf(fn);
  const statement = entry && emit.call.getFirstAncestor((a) => Node.isStatement(a));
  const sent = statement && responseSentBefore(entry, statement);
  return sent ? afterResponseReason("emit(...)", sent) : undefined;
}

/**
 * emitAsync returns a promise of the listeners' results where emit returned a boolean: only a bare
 * statement, or an arrow's `void emit(...)` expression body (which returned undefined), keeps its meaning.
 */
function whyNotRewrite(emit: EmitCall, fn: FunctionLike): string | undefined {
  const parent = emit.call.getParent();
  // Listeners handed the stream the handler answers with may await writes a reader only the response brings.
  const stream = whereWorkWrites(parent ?? emit.call, emit.call);
  if (stream) return `emit(...) not rewritten to await emitAsync(...): its listeners get a stream: ${"feeds" in stream ? stream.feeds : stream.unknown}`;
  if (Node.isExpressionStatement(parent)) return undefined;
  const body = fn.getBody();
  if (body && !Node.isBlock(body)) {
    const value = unwrapParens(body);
    if (Node.isVoidExpression(value) && unwrapParens(value.getExpression()) === emit.call) return undefined;
    if (value === emit.call) {
      return "emit(...) is the expression body of an arrow function, so its value (whether the event had listeners) is the function's result: emitAsync would return a promise of the listeners' results instead; where nothing reads the result, write a block body that awaits emitAsync(...) by hand";
    }
  }
  return "the value of emit(...) (whether the event had listeners) is used: emitAsync would return a promise of the listeners' results instead; await emitAsync(...) by hand";
}

function unwrapParens(node: Node): Node {
  let inner = node;
  while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
  return inner;
}

/**
 * Why there is no rewrite, under any --strategy: Node's emit() drops what its listeners return, so
 * awaiting them needs a helper that calls them itself (test/runtime/node-events.test.ts checks one
 * against the real `events`: it keeps order, once, the synchronous throw, 'error' and errorMonitor,
 * and loses these two).
 */
const NO_NODE_REWRITE =
  "settle does not rewrite it (under any --strategy): a helper that calls the listeners to await them would skip a subclass's own emit(), and with captureRejections a listener's rejection would be thrown to the handler instead of going to the 'error' event (an instance's captureRejections setting cannot be read)";

/** Node's EventEmitter drops what its listeners return: report the emit when a listener of it returns a promise. */
function reportNodeEmit(emit: EmitCall, scan: ProjectScan, ctx: TransformContext): void {
  const receiver = (emit.call.getExpression() as PropertyAccessExpression).getExpression();
  const identity = emitterIdentity(receiver);
  const listeners = scan.listeners().filter(
    (l) =>
      l.kind === "node" &&
      l.async &&
      identity !== undefined &&
      l.emitter === identity &&
      (!emit.events || !l.events || l.events.some((name) => emit.events!.includes(name))),
  );
  if (listeners.length === 0) return;
  const where = listeners.map((l) => `${l.call.getSourceFile().getBaseName()}:${l.call.getStartLineNumber()}`).join(", ");
  ctx.report(
    emit.call,
    `Node.js EventEmitter emit(...) does not wait for its async listeners (${where}), which then run after the invocation or never: await the work they start (e.g. call it directly) by hand. ${NO_NODE_REWRITE}`,
  );
}
