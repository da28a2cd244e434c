import { Node, SyntaxKind, ts, type CallExpression, type Decorator, type PropertyAccessExpression, type SourceFile } from "ts-morph";
import { isFlowBoundary } from "../../src/function-body.js";
import { isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";
import type { InvocationScope } from "../../src/invocation.js";
import { returnsPromise as callReturnsPromise } from "../../src/types/index.js";
import { eventNamesOf } from "./events.js";
import { optionFlag } from "./listener-options.js";
import { emitterIdentity, emitterKindOf, type EmitterKind } from "./receivers.js";

/** An `x.emit(event, ...)` (or `emitAsync`) call on an emitter of a known library. */
export interface EmitCall {
  call: CallExpression;
  kind: EmitterKind;
  /** Constant event names, undefined when the event is computed. */
  events: string[] | undefined;
  /** Which emitter object it is (see emitterIdentity). */
  identity: object | undefined;
}

/** A `@OnEvent(event, options?)` listener method of @nestjs/event-emitter. */
export interface NestListener {
  decorator: Decorator;
  events: string[] | undefined;
  options: Node | undefined;
  /** The method finishes its work inside emit(): not async, no promise returned, no async/nextTick option. */
  sync: boolean;
}

/** An `x.on(event, handler)` (once, addListener, prepend..., EventEmitter2's many/onAny) on an emitter. */
export interface OnListener {
  call: CallExpression;
  kind: EmitterKind;
  handler: Node;
  /** EventEmitter2's listener options (`{ async: true }`), when given. */
  options: Node | undefined;
  emitter: object | undefined;
  events: string[] | undefined;
  /** The handler returns a promise (an async function, or typed so), or EventEmitter2 runs it later (async/nextTick options). */
  async: boolean;
}

/** What the emitters transform needs to know about the whole project, computed once per pass. */
export interface ProjectScan {
  /** EventEmitter2 emits in code that runs inside an invocation. */
  invocationEmits: EmitCall[];
  nestListeners: NestListener[];
  /** `.on(...)`-style listeners; asked for only when needed (it types every `.on(...)` receiver of the project). */
  listeners(): OnListener[];
}

const LISTEN = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "many", "prependMany", "onAny", "prependAny"]);
const scans = new WeakMap<InvocationScope, ProjectScan>();

/** Scan the project once per invocation scope (the engine makes a new one whenever a pass changed files). */
export function scanProject(file: SourceFile, invocation: InvocationScope): ProjectScan {
  const cached = scans.get(invocation);
  if (cached) return cached;
  const sources = file.getProject().getSourceFiles().filter((s) => !s.isDeclarationFile() && !s.isInNodeModules());
  let listeners: OnListener[] | undefined;
  const scan: ProjectScan = {
    invocationEmits: [],
    nestListeners: [],
    listeners: () => (listeners ??= sources.flatMap(listenersIn)),
  };
  // A project without entry points never creates a type checker (DESIGN.md: lazy type info).
  if (invocation.entryPoints.length > 0) {
    for (const source of sources) {
      for (const fn of invocation.functionsIn(source)) {
        for (const emit of emitCallsOf(fn)) if (emit.kind === "eventemitter2") scan.invocationEmits.push(emit);
      }
      scan.nestListeners.push(...nestListenersIn(source));
    }
  }
  scans.set(invocation, scan);
  return scan;
}

/** The function's own `.emit(...)`/`.emitAsync(...)` calls (not those of functions nested in it). */
export function emitCallsOf(fn: FunctionLike): EmitCall[] {
  const out: EmitCall[] = [];
  const body = fn.getBody();
  // Most reached functions emit nothing: their text says so before any node is wrapped or typed.
  if (!body || !body.getText().includes("emit")) return out;
  // Walked on the compiler's nodes; only the emit calls are wrapped (and their receivers typed).
  const wrapping = body as unknown as { _getNodeFromCompilerNode(n: ts.Node): Node };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^emit(Async)?$/.test(node.expression.name.text)) {
      const call = wrapping._getNodeFromCompilerNode(node) as CallExpression;
      const callee = call.getExpression() as PropertyAccessExpression;
      const kind = emitterKindOf(callee.getExpression().getType());
      if (kind) out.push({ call, kind, events: eventNamesOf(call.getArguments()[0]), identity: emitterIdentity(callee.getExpression()) });
    }
  };
  // An arrow's expression body (`async (e) => bus.emit("x", e)`) is a call of its own flow too.
  visit(body.compilerNode);
  const walk = (node: ts.Node): void => {
    if (isFlowBoundary(node)) return;
    visit(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(body.compilerNode, walk);
  return out;
}

function nestListenersIn(source: SourceFile): NestListener[] {
  const names = new Set<string>();
  for (const imp of source.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== "@nestjs/event-emitter") continue;
    for (const named of imp.getNamedImports()) if (named.getName() === "OnEvent") names.add(named.getAliasNode()?.getText() ?? "OnEvent");
  }
  if (names.size === 0) return [];
  const out: NestListener[] = [];
  for (const cls of source.getClasses()) {
    for (const method of cls.getMethods()) {
      for (const decorator of method.getDecorators()) {
        if (!names.has(decorator.getName())) continue;
        const [event, options] = decorator.getArguments();
        const deferred = !!options && runsLater(options);
        const sync = !method.isAsync() && !callReturnsPromise(method) && !deferred;
        out.push({ decorator, events: eventNamesOf(event), options, sync });
      }
    }
  }
  return out;
}

function listenersIn(source: SourceFile): OnListener[] {
  const out: OnListener[] = [];
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !LISTEN.has(callee.getName())) continue;
    const name = callee.getName();
    const args = call.getArguments();
    // many(event, times, listener, options); onAny(listener); the others (event, listener, options).
    const [event, handler, options] = /Any$/.test(name) ? [undefined, args[0], undefined] : /[mM]any$/.test(name) ? [args[0], args[2], args[3]] : args;
    if (!handler) continue;
    const receiver = callee.getExpression();
    const kind = emitterKindOf(receiver.getType());
    if (!kind || (kind === "node" && /Any$|[mM]any$/.test(name))) continue;
    const deferred = kind === "eventemitter2" && !!options && runsLater(options);
    out.push({ call, kind, handler, options, emitter: emitterIdentity(receiver), events: eventNamesOf(event), async: deferred || returnsPromise(handler) });
  }
  return out;
}

function returnsPromise(handler: Node): boolean {
  const fn = unwrapExpression(handler);
  if (fn && isFunctionLike(fn) && fn.isAsync()) return true;
  return callReturnsPromise(handler);
}

/** EventEmitter2 options that run the listener after emit() returns (`async`, `nextTick`), or that cannot be read. */
function runsLater(options: Node): boolean {
  if (!Node.isObjectLiteralExpression(options)) return true;
  return ["async", "nextTick"].some((name) => {
    const value = optionFlag(options, name);
    return value !== undefined && value !== false;
  });
}
