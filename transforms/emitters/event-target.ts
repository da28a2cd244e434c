import { Node, SyntaxKind, type CallExpression, type SourceFile } from "ts-morph";
import type { TransformContext } from "../../src/define-transform.js";
import { findLocalFunction, isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";

/**
 * The web platform's events (Deno and Supabase's Edge Runtime, Workers, browsers): `dispatchEvent(event)`
 * calls the listeners of `event.type` one after the other and drops what they return, so the work of an
 * async listener is still running when the dispatch returns, and the invocation may end before it
 * finishes. Supabase's background-task example hands its upload promise to such a listener through
 * `globalThis.dispatchEvent(new MyEvent(promise))`. EventTarget has no dispatch that waits: a dispatch
 * the invocation reaches is reported when a listener of its event is async. Only the global target is
 * followed (`dispatchEvent`, `globalThis.`, `self.`, `window.`), read from the syntax alone.
 */

const GLOBAL_RECEIVERS = new Set(["globalThis", "self", "window"]);
/** Quick text test: a file without both words has neither a dispatch nor a listener. */
const DISPATCH = /\bdispatchEvent\s*\(/;
const LISTEN = /\baddEventListener\s*\(/;

/** An `addEventListener(type, listener)` on the global target. */
interface GlobalListener {
  call: CallExpression;
  /** The event type, undefined when it is not a constant. */
  type: string | undefined;
  async: boolean;
}

const scans = new WeakMap<object, Map<SourceFile, GlobalListener[]>>();

/** Report the function's own dispatches on the global target that start an async listener. */
export function reportGlobalDispatches(fn: FunctionLike, ctx: TransformContext, scope: object): void {
  const body = fn.getBody();
  if (!body || !DISPATCH.test(body.getText())) return;
  for (const call of body.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getFirstAncestor((a) => isFunctionLike(a)) !== fn || !onGlobalTarget(call, "dispatchEvent")) continue;
    if (ctx.isIgnored(call)) continue;
    const type = eventTypeOf(call.getArguments()[0]);
    const listeners = globalListeners(fn.getSourceFile(), scope).filter((l) => l.async && (type === undefined || l.type === undefined || l.type === type));
    if (listeners.length === 0) continue;
    const where = listeners.map((l) => `${l.call.getSourceFile().getBaseName()}:${l.call.getStartLineNumber()}`).join(", ");
    ctx.report(
      call,
      `dispatchEvent(...) runs its listeners and returns without waiting for the async listener (${where}), whose work then runs after the invocation or never: await that work in the handler instead of dispatching it, or hand its promise to the platform's waitUntil (EdgeRuntime.waitUntil on Supabase); settle does not rewrite it (EventTarget has no dispatch that waits)`,
      { rule: "event-target-async-listeners" },
    );
  }
}

/** `name(...)`, `globalThis.name(...)`, `self.name(...)` or `window.name(...)`. */
function onGlobalTarget(call: CallExpression, name: string): boolean {
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) return callee.getText() === name;
  return Node.isPropertyAccessExpression(callee) && callee.getName() === name && GLOBAL_RECEIVERS.has(callee.getExpression().getText());
}

/**
 * The listeners on the global target that the dispatching file's module graph registers (the file and
 * what it imports, transitively): each Supabase Edge Function or Worker is a bundle of its own, so a
 * listener another function's file registers is not there. Scanned once per file and invocation scope.
 */
function globalListeners(file: SourceFile, scope: object): GlobalListener[] {
  let byFile = scans.get(scope);
  if (!byFile) scans.set(scope, (byFile = new Map()));
  const cached = byFile.get(file);
  if (cached) return cached;
  const out: GlobalListener[] = [];
  for (const source of moduleGraphOf(file)) {
    if (!LISTEN.test(source.getFullText())) continue;
    for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (!onGlobalTarget(call, "addEventListener")) continue;
      const [type, listener] = call.getArguments();
      if (!listener) continue;
      out.push({ call, type: constantString(type), async: isAsyncListener(listener) });
    }
  }
  byFile.set(file, out);
  return out;
}

/** The file and the project files it imports (static imports and re-exports), transitively. */
function moduleGraphOf(file: SourceFile): SourceFile[] {
  const seen = new Set<SourceFile>([file]);
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const decl of [...current.getImportDeclarations(), ...current.getExportDeclarations()]) {
      const target = decl.getModuleSpecifierSourceFile();
      if (!target || seen.has(target) || target.isDeclarationFile() || target.isInNodeModules()) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen];
}

/** An async function, given as a literal or by the name of a function of the same file. */
function isAsyncListener(listener: Node): boolean {
  const value = unwrapExpression(listener);
  const fn = value && isFunctionLike(value) ? value : Node.isIdentifier(listener) ? findLocalFunction(listener.getSourceFile(), listener.getText())?.fn : undefined;
  return !!fn && fn.isAsync();
}

/**
 * The type of the event a dispatch sends: `new Event("x")`, `new CustomEvent("x", …)`, or `new MyEvent(…)`
 * of a class of the same file whose constructor calls `super("x")`; undefined when not constant.
 */
function eventTypeOf(arg: Node | undefined): string | undefined {
  let value = arg && unwrapExpression(arg);
  if (value && Node.isIdentifier(value)) {
    // `const event = new MyEvent(…)` before the dispatch, in the same function or at the top level.
    const name = value.getText();
    const scope = value.getFirstAncestor((a) => isFunctionLike(a));
    const declaration =
      scope?.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === name) ??
      value.getSourceFile().getVariableDeclaration(name);
    const init = declaration?.getInitializer();
    value = init ? unwrapExpression(init) : undefined;
  }
  if (!value || !Node.isNewExpression(value)) return undefined;
  const name = value.getExpression().getText();
  if (name === "Event" || name === "CustomEvent") return constantString(value.getArguments()[0]);
  const cls = value.getSourceFile().getClass(name);
  const superCall = cls
    ?.getConstructors()[0]
    ?.getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((c) => c.getExpression().getKind() === SyntaxKind.SuperKeyword);
  return superCall ? constantString(superCall.getArguments()[0]) : undefined;
}

function constantString(node: Node | undefined): string | undefined {
  return node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) ? node.getLiteralValue() : undefined;
}
