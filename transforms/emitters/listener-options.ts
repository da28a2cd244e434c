import { Node, type ObjectLiteralExpression, type PropertyAccessExpression } from "ts-morph";
import { isFunctionLike, unwrapExpression } from "../../src/handlers/entry-point.js";
import type { TransformContext } from "../../src/define-transform.js";
import { eventMatches } from "./events.js";
import type { EmitCall, NestListener, OnListener } from "./project-scan.js";

/**
 * EventEmitter2 runs a listener registered with `async: true` in a setImmediate and, unless it is
 * also `promisify: true`, hands emitAsync the timer instead of the listener's promise: emitAsync
 * then resolves before the listener has even started. (Nest registers a plain wrapper function, so
 * EventEmitter2's "promisify when the listener is an AsyncFunction" default never applies.)
 */
export function fixListenerOptions(listener: NestListener, emits: EmitCall[], ctx: TransformContext): void {
  const { decorator, events, options } = listener;
  if (!options || ctx.isIgnored(decorator)) return;
  const emitted = emits.filter((e) => e.events && events && events.some((l) => e.events!.some((n) => eventMatches(l, n))));
  fixOptions(options, emitted, "@OnEvent", false, ctx);
}

/** The same for `bus.on(event, listener, { async: true })` on an EventEmitter2 that an invocation emits on. */
export function fixOnOptions(listener: OnListener, emits: EmitCall[], ctx: TransformContext): void {
  const options = listener.options;
  if (!options || listener.kind !== "eventemitter2" || ctx.isIgnored(listener.call)) return;
  const emitted = emits.filter(
    (e) =>
      e.identity !== undefined &&
      e.identity === listener.emitter &&
      (!listener.events || (e.events && listener.events.some((l) => e.events!.some((n) => eventMatches(l, n))))),
  );
  // EventEmitter2 promisifies an `async function` listener by itself.
  const handler = unwrapExpression(listener.handler);
  const asyncFunction = !!handler && isFunctionLike(handler) && handler.isAsync();
  fixOptions(options, emitted, `${(listener.call.getExpression() as PropertyAccessExpression).getName()}(...)`, asyncFunction, ctx);
}

function fixOptions(options: Node, emitted: EmitCall[], label: string, asyncFunction: boolean, ctx: TransformContext): void {
  if (emitted.length === 0) return;
  const where = emitted.map((e) => `${e.call.getSourceFile().getBaseName()}:${e.call.getStartLineNumber()}`).join(", ");
  if (!Node.isObjectLiteralExpression(options)) {
    ctx.report(options, `${label} options are not an object literal: cannot tell whether emitAsync (${where}) waits for this listener`);
    return;
  }
  const async = optionFlag(options, "async");
  const nextTick = optionFlag(options, "nextTick");
  const promisify = optionFlag(options, "promisify");
  for (const [name, value] of [["async", async], ["nextTick", nextTick], ["promisify", promisify]] as const) {
    if (value === "unknown") {
      ctx.report(options, `${label} option ${name} is not a literal: cannot tell whether emitAsync (${where}) waits for this listener`);
      return;
    }
  }
  if (nextTick === true) {
    ctx.report(
      options,
      `${label} with { nextTick: true } runs the listener on process.nextTick and emitAsync (${where}) does not wait for it; adding promisify does not help (EventEmitter2 6.4 then never calls the listener): remove nextTick by hand`,
    );
    return;
  }
  if (async !== true) return;
  if (promisify === false) {
    ctx.report(options, `${label} with { async: true, promisify: false }: emitAsync (${where}) does not wait for this listener; remove async or promisify: false by hand`);
    return;
  }
  if (promisify === true || (promisify === undefined && asyncFunction)) return;
  const property = options.getProperty("async")!;
  ctx.insertAfter(property, ", promisify: true");
}

/** A boolean option's literal value; undefined when absent, "unknown" when not a literal (or a spread hides it). */
export function optionFlag(options: ObjectLiteralExpression, name: string): boolean | undefined | "unknown" {
  const property = options.getProperty(name);
  if (!property) return options.getProperties().some((p) => Node.isSpreadAssignment(p)) ? "unknown" : undefined;
  if (!Node.isPropertyAssignment(property)) return "unknown";
  const text = property.getInitializer()?.getText();
  return text === "true" ? true : text === "false" ? false : "unknown";
}
