import { Node, SyntaxKind, ts, type CallExpression, type Decorator, type PropertyAccessExpression, type SourceFile } from "ts-morph";
import { isFlowBoundary } from "../../src/function-body.js";
import { isFunctionLike, unwrapExpression, type FunctionLike } from "../../src/handlers/entry-point.js";
import type { InvocationScope } from "../../src/invocation.js";
import { isCheckerFailure, returnsPromise as callReturnsPromise } from "../../src/types/index.js";
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
  identity: unknown;
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
  emitter: unknown;
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
  /** Emit calls and listener registrations the type checker failed on (left out of the lists above), reported in their files. */
  failures: Node[];
  /** Whether a listener registration is among the failures (it may be async: no emit counts as having only sync listeners). */
  listenerFailed(): boolean;
}

const LISTEN = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener", "many", "prependMany", "onAny", "prependAny"]);
const scans = new WeakMap<InvocationScope, ProjectScan>();

/** Scan the project once per invocation scope (the engine makes a new one whenever a pass changed files). */
export function scanProject(file: SourceFile, invocation: InvocationScope): ProjectScan {
  const cached = scans.get(invocation);
  if (cached) return cached;
  const sources = file.getProject().getSourceFiles().filter((s) => !s.isDeclarationFile() && !s.isInNodeModules());
  let listeners: OnListener[] | undefined;
  const failures: Node[] = [];
  const scan: ProjectScan = {
    invocationEmits: [],
    nestListeners: [],
    listeners: () => (listeners ??= sources.flatMap((source) => listenersIn(source, failures))),
    failures,
    listenerFailed: () => scan.listeners() && failures.some((n) => !isEmitCall(n)),
  };
  // A project without entry points never creates a type checker (DESIGN.md: lazy type info).
  if (!invocation.isEmpty) {
    for (const source of sources) {
      // An emit the checker fails on is left out; its own file's pass reports it.
      for (const fn of invocation.functionsIn(source)) {
        for (const emit of emitCallsOf(fn, scan)) if (emit.kind === "eventemitter2") scan.invocationEmits.push(emit);
      }
      scan.nestListeners.push(...nestListenersIn(source, failures));
    }
  }
  scans.set(invocation, scan);
  return scan;
}

/**
 * The function's own `.emit(...)`/`.emitAsync(...)` calls (not those of functions nested in it).
 * A call whose receiver the checker fails on (now or in an earlier scan) is left out and recorded in `scan.failures`.
 */
export function emitCallsOf(fn: FunctionLike, scan: Pick<ProjectScan, "failures">): EmitCall[] {
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
      // Asked once: after a stack overflow the checker may answer the same question wrongly instead of failing again.
      if (scan.failures.includes(call)) return;
      const emit = guarded(scan.failures, call, (): EmitCall | null => {
        const kind = emitterKindOf(callee.getExpression());
        return kind ? { call, kind, events: eventNamesOf(call.getArguments()[0]), identity: emitterIdentity(callee.getExpression()) } : null;
      });
      if (emit) out.push(emit);
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

function nestListenersIn(source: SourceFile, failures: Node[]): NestListener[] {
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
        const sync = guarded(failures, decorator, () => !method.isAsync() && !callReturnsPromise(method) && !deferred);
        if (sync !== undefined) out.push({ decorator, events: eventNamesOf(event), options, sync });
      }
    }
  }
  return out;
}

function listenersIn(source: SourceFile, failures: Node[]): OnListener[] {
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
    const listener = guarded(failures, call, (): OnListener | null => {
      const kind = emitterKindOf(receiver);
      if (!kind || (kind === "node" && /Any$|[mM]any$/.test(name))) return null;
      const deferred = kind === "eventemitter2" && !!options && runsLater(options);
      return { call, kind, handler, options, emitter: emitterIdentity(receiver), events: eventNamesOf(event), async: deferred || returnsPromise(handler) };
    });
    if (listener) out.push(listener);
  }
  return out;
}

function isEmitCall(node: Node): boolean {
  return Node.isCallExpression(node) && /^emit(Async)?$/.test((node.getExpression() as PropertyAccessExpression).getName?.() ?? "");
}

/** The answer of `ask`, or undefined (with `at` recorded) when the type checker fails on it. */
function guarded<T>(failures: Node[], at: Node, ask: () => T): T | undefined {
  try {
    return ask();
  } catch (error) {
    if (!isCheckerFailure(error)) throw error;
    failures.push(at);
    return undefined;
  }
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
