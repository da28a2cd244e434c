/**
 * Freeze-at-settle simulator: runs a Lambda handler module in a fresh vm context and splits the side
 * effects it causes into those that landed before the invocation ended and those that escaped it
 * (Lambda freezes the sandbox at that point, so escaped work may run much later or never).
 * Legacy (Node <= 22) settle rules mirror aws-lambda-nodejs-runtime-interface-client (the "RIC").
 * In both runtimes an uncaught throw (in a timer, nextTick or microtask callback) or an unhandled
 * rejection fails the invocation unless its answer was already sent, and ends the process, as the
 * RIC's process listeners do: nothing recorded after it counts, and later rejections are not seen.
 */
import vm from "node:vm";
import ts from "typescript";

export type RuntimeKind = "legacy" | "node24";
export interface EffectLog { record(effect: string): void; readonly entries: string[] }
export interface InvocationOutcome {
  /** "refused" when the node24 runtime refuses a handler with length >= 3 (Runtime.CallbackHandlerDeprecated) */
  status: "ok" | "error" | "refused" | "timeout";
  result?: unknown;
  error?: { name: string; message: string };
  effectsAtSettle: string[];
  lateEffects: string[];
  unhandledRejections: string[];
}
export interface InvokeOptions {
  code: string;
  fileName?: string; // decides TS vs JS parsing; default "handler.ts"
  exportName?: string; // default "handler"; "default" also accepts `module.exports = fn`
  event?: unknown;
  runtime: RuntimeKind;
  modules?: Record<string, unknown>; // require()/import targets; stub objects and logs in here are watched
  graceMs?: number; // default 50
  /**
   * End the grace period early once the invocation's tracked work has drained (and the rejections its
   * last callbacks raise were seen), at most `graceMs` after the settle: for a run expected to answer
   * before its work is done, whose late errors must land in that run, not in the next one.
   */
  graceUntilDrained?: boolean;
  timeoutMs?: number; // default 2000
  /** Copy the result as JSON when the runtime sends it (as the RIC does), so later changes to the object do not show. */
  serializeResult?: boolean;
}
type Decision = Pick<InvocationOutcome, "status" | "result" | "error">;

/** Counts outstanding work so a legacy callback can wait for an "empty event loop". */
class Tracker {
  pending = 0;
  private waiters: (() => void)[] = [];
  begin() { this.pending++; }
  end() { if (--this.pending === 0) for (const w of this.waiters.splice(0)) w(); }
  async drained(): Promise<void> {
    for (;;) {
      // The check-phase hop lets microtasks and nextTicks run first, since they may start more work.
      await new Promise((r) => setImmediate(r));
      if (this.pending === 0) return;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
}

// Stubs outlive invocations, so invoke() binds each log it finds in `modules` to its tracker and
// stubs look the tracker up when work starts.
const watchers = new WeakMap<EffectLog, Tracker>();
// The RIC's process.on("uncaughtException") of the invocation watching a log, for stubs that call back from I/O.
const uncaught = new WeakMap<EffectLog, (error: unknown) => void>();
const LOG = Symbol("freeze.log");

export function createEffectLog(): EffectLog {
  const entries: string[] = [];
  const log: EffectLog = { record: (effect) => void entries.push(effect), entries };
  return Object.defineProperty(log, LOG, { value: log }); // a log passed directly in modules is watched too
}

/** Marks `work` as outstanding for the invocation watching `log`; for writing custom stubs. */
export function trackPending<T>(log: EffectLog, work: Promise<T>): Promise<T> {
  const t = watchers.get(log);
  t?.begin();
  return work.finally(() => t?.end());
}

/** Work that completes after `ms`: it records `effect` then, and resolves with `complete()` (or rejects with what it throws). */
export function delayedEffect<T>(log: EffectLog, ms: number, effect: string, complete: () => T): Promise<T> {
  return trackPending(log, new Promise<T>((resolve, reject) => setTimeout(() => {
    log.record(effect);
    try { resolve(complete()); } catch (e) { reject(e); }
  }, ms)));
}

/**
 * Calls `fn` as an I/O callback (an AWS SDK v2 response, a socket event) does: from a macrotask of its own, so a
 * throw in it is an uncaughtException, raised before the promise jobs its earlier calls queued (a `reject(e)`
 * just before it) have run. Stubs whose callbacks are called from promise jobs raise unhandled rejections instead.
 */
export function callFromIo(log: EffectLog, fn: () => void): void {
  try { fn(); } catch (e) { uncaught.get(log)?.(e); }
}

/**
 * Async service stand-ins; each records its effect when the work completes (so unawaited work is late):
 * - track(name)            -> "track:<name>"            (5ms, resolves undefined)
 * - db.put(item)           -> "db.put:<item.id>"        (5ms, stores item, resolves item)
 * - db.get(id)             -> "db.get:<id>"             (5ms, resolves stored item or undefined)
 * - db.del(id)             -> "db.del:<id>"             (5ms, resolves whether it existed)
 * - sendEmail(to)          -> "email:<to>"              (10ms, resolves { to, sent: true })
 * - sleep(ms)              -> "sleep:<ms>"              (ms, resolves undefined)
 * - failing(msg)           -> "failing:<msg>"           (5ms, then rejects with Error(msg))
 * - legacyDb.put(item, cb) -> "legacyDb.put:<item.id>"  (5ms, then cb(null, item))
 * Items without an `id` are keyed by String(item).
 */
export function makeStubs(log: EffectLog): Record<string, unknown> {
  const store = new Map<string, unknown>();
  const key = (item: unknown) => String((item as { id?: unknown } | null)?.id ?? item);
  const stubs = {
    track: (name: string) => delayedEffect(log, 5, `track:${name}`, () => undefined),
    db: {
      put: (item: unknown) => delayedEffect(log, 5, `db.put:${key(item)}`, () => (store.set(key(item), item), item)),
      get: (id: string) => delayedEffect(log, 5, `db.get:${id}`, () => store.get(String(id))),
      del: (id: string) => delayedEffect(log, 5, `db.del:${id}`, () => store.delete(String(id))),
    },
    sendEmail: (to: string) => delayedEffect(log, 10, `email:${to}`, () => ({ to, sent: true })),
    sleep: (ms: number) => delayedEffect(log, ms, `sleep:${ms}`, () => undefined),
    failing: (msg: string) => delayedEffect(log, 5, `failing:${msg}`, () => { throw new Error(msg); }),
    legacyDb: {
      put: (item: unknown, cb: (err: Error | null, item?: unknown) => void) =>
        void delayedEffect(log, 5, `legacyDb.put:${key(item)}`, () => item).then((v) => cb(null, v)),
    },
  };
  return Object.defineProperty(stubs, LOG, { value: log });
}

// Duck-typed because errors from the vm context are not instances of this realm's Error.
// Non-Errors are reported the RIC's way: errorType = typeof value.
const errorInfo = (e: unknown): { name: string; message: string } =>
  e !== null && typeof e === "object" && "message" in e
    ? { name: String((e as { name?: unknown }).name ?? "Error"), message: String(e.message) }
    : { name: typeof e, message: String(e) };

// vitest fails the run on any unhandled rejection it sees, so its listeners are detached while at
// least one invocation is watching and restored when the last one finishes.
type RejectionSink = (reason: unknown) => void;
const rejectionSinks = new Set<RejectionSink>();
let detached: Function[] = [];
const onUnhandled = (reason: unknown) => { for (const s of rejectionSinks) s(reason); };
function watchRejections(sink: RejectionSink): () => void {
  if (rejectionSinks.size === 0) {
    detached = process.rawListeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection").on("unhandledRejection", onUnhandled);
  }
  rejectionSinks.add(sink);
  return () => {
    if (!rejectionSinks.delete(sink) || rejectionSinks.size > 0) return;
    process.off("unhandledRejection", onUnhandled);
    for (const l of detached) process.on("unhandledRejection", l as NodeJS.UnhandledRejectionListener);
  };
}

/**
 * The RIC's process.on("unhandledRejection") wraps the reason as `new UnhandledPromiseRejection(reason)`
 * (Errors.js: `super(reason)`, name "Runtime.UnhandledPromiseRejection"), so the message is String(reason),
 * e.g. "Error: db down"; String() of an object whose toString throws falls back to its errorInfo message.
 */
function rejectionInfo(reason: unknown): { name: string; message: string } {
  let message: string;
  try { message = String(reason); } catch { message = errorInfo(reason).message; }
  return { name: "Runtime.UnhandledPromiseRejection", message };
}

/** Harness misuse (unknown module, syntax error): thrown out of invoke() instead of becoming an outcome. */
class HarnessError extends Error { override name = "HarnessError"; }

function load(code: string, fileName: string, globals: object, modules: Record<string, unknown>): unknown {
  const { outputText, diagnostics = [] } = ts.transpileModule(code, {
    fileName, reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  if (diagnostics.length) {
    const why = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
    throw new HarnessError(`freeze harness: cannot compile ${fileName}: ${why}`);
  }
  const require = (name: string) => {
    if (Object.hasOwn(modules, name)) return modules[name];
    const known = Object.keys(modules).join(", ") || "none";
    throw new HarnessError(`freeze harness: unknown module "${name}" (pass it in modules; known: ${known})`);
  };
  const module: { exports: unknown } = { exports: {} };
  const sandbox = vm.createContext({ ...globals, require, module, exports: module.exports });
  const source = `(function (exports, require, module, __filename, __dirname) {${outputText}\n})`;
  const wrapper = vm.runInContext(source, sandbox, { filename: fileName });
  wrapper(module.exports, require, module, `/var/task/${fileName}`, "/var/task");
  return module.exports;
}

export async function invoke(opts: InvokeOptions): Promise<InvocationOutcome> {
  const { runtime, event, fileName = "handler.ts", exportName = "handler", graceMs = 50, timeoutMs = 2000 } = opts;
  const modules = opts.modules ?? {};
  const tracker = new Tracker();
  const logs = [...new Set(Object.values(modules).map((m) => (m as { [LOG]?: EffectLog } | null)?.[LOG]))]
    .filter((l): l is EffectLog => !!l);
  for (const log of logs) watchers.set(log, tracker);
  for (const log of logs) uncaught.set(log, (e) => { if (!exitedAt) crash(errorInfo(e)); });
  const marks = () => logs.map((l) => l.entries.length);
  const slice = (from: number[], to: number[]) => logs.flatMap((l, i) => l.entries.slice(from[i], to[i]));
  const start = marks();
  const unhandledRejections: string[] = [];
  const live = new Map<unknown, (h: unknown) => void>(); // handles that can still fire; discarded at freeze
  let watchdog: NodeJS.Timeout | undefined;

  let decided = false; // an answer was chosen (a waiting legacy callback is not sent until the loop drains)
  let sent = false; // the answer went out; nothing changes it any more
  let exitedAt: number[] | undefined; // marks when the process exited after an uncaught error
  let end!: (d: Decision) => void;
  const ended = new Promise<Decision>((r) => { end = r; });
  // First report wins, as in the RIC; only a successful legacy callback waits for the loop to drain.
  const send = (d: Decision) => {
    if (sent) return;
    sent = true;
    end(opts.serializeResult && d.status === "ok" && d.result !== undefined ? { ...d, result: JSON.parse(JSON.stringify(d.result)) } : d);
  };
  const decide = (d: Decision, waitForLoop = false) => {
    if (decided) return;
    decided = true;
    if (waitForLoop) void tracker.drained().then(() => send(d)); else send(d);
  };
  const ok = (result: unknown) => decide({ status: "ok", result });
  const fail = (e: unknown) => decide({ status: "error", error: errorInfo(e) });
  // The RIC's process.on("uncaughtException") / ("unhandledRejection") listeners (index.mjs, Runtime.js
  // _setErrorCallbacks), the same under the legacy runtime and Node.js 24: postInvocationError for the
  // current invocation, then process.exit(129 / 128). The error fails the invocation unless its answer
  // was already sent (a legacy callback(null, x) still waiting for the loop has not been sent: the error
  // wins); either way the process is gone, so nothing recorded after it lands (timers are discarded and
  // later effects are not counted).
  const crash = (error: { name: string; message: string }) => {
    if (!sent) { decided = true; send({ status: "error", error }); }
    if (exitedAt) return;
    exitedAt = marks();
    for (const [h, clear] of live) clear(h);
    live.clear();
  };
  const unwatch = watchRejections((reason) => {
    if (exitedAt) return;
    unhandledRejections.push(errorInfo(reason).message);
    crash(rejectionInfo(reason));
  });
  // An uncaught throw in a callback the harness schedules (timers, nextTick, microtasks): uncaughtException.
  const guard = (fn: unknown, args: unknown[]) => () => {
    if (exitedAt) return;
    try { if (typeof fn === "function") fn(...args); } catch (e) { crash(errorInfo(e)); }
  };
  const timer = <H>(set: (cb: () => void, ms?: number) => H, clear: (h: H) => void, repeat = false) => ({
    set: (fn: unknown, ms?: number, ...args: unknown[]) => {
      tracker.begin();
      const run = guard(fn, args);
      const h: H = set(() => {
        if (!repeat && live.delete(h)) tracker.end();
        run();
      }, ms);
      live.set(h, clear as (h: unknown) => void);
      return h;
    },
    clear: (h: H) => { if (live.delete(h)) { clear(h); tracker.end(); } },
  });
  const [timeout, interval, immediate] = [timer(setTimeout, clearTimeout), timer(setInterval, clearInterval, true),
    timer((cb) => setImmediate(cb), clearImmediate)];
  const globals = {
    console, Buffer, URL, TextEncoder, TextDecoder, structuredClone,
    setTimeout: timeout.set, clearTimeout: timeout.clear, setInterval: interval.set, clearInterval: interval.clear,
    setImmediate: immediate.set, clearImmediate: immediate.clear,
    queueMicrotask: (fn: unknown) => queueMicrotask(guard(fn, [])),
    process: { env: { AWS_LAMBDA_FUNCTION_NAME: "settle-test", AWS_REGION: "us-east-1" }, version: process.version,
      versions: process.versions, nextTick: (fn: unknown, ...args: unknown[]) => process.nextTick(guard(fn, args)) },
  };

  try {
    let handler: unknown;
    try {
      const exported = load(opts.code, fileName, globals, modules);
      const named = (exported as Record<string, unknown>)[exportName];
      handler = named === undefined && exportName === "default" ? exported : named;
    } catch (e) {
      if (e instanceof HarnessError) throw e;
      fail(e); // init error
    }
    const deadline = Date.now() + timeoutMs;
    const error = { name: "Sandbox.Timedout", message: `Task timed out after ${timeoutMs} ms` };
    watchdog = setTimeout(() => send({ status: "timeout", error }), timeoutMs);
    if (decided) { /* init failed */ }
    else if (typeof handler !== "function") {
      fail({ name: "Runtime.HandlerNotFound", message: `${fileName} does not export a function "${exportName}"` });
    } else if (runtime === "node24" && handler.length >= 3) {
      const message = "Callback-based function handlers are not supported on this runtime; use an async handler";
      decide({ status: "refused", error: { name: "Runtime.CallbackHandlerDeprecated", message } });
    } else {
      const base = {
        awsRequestId: "00000000-0000-4000-8000-000000000000", functionName: "settle-test", functionVersion: "$LATEST",
        invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:settle-test", memoryLimitInMB: "128",
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
      // As in the RIC, succeed/fail/done and callback(err) end at once; callback(null, x) may wait.
      const legacy = Object.assign({}, base, {
        callbackWaitsForEmptyEventLoop: true, succeed: ok, fail: (err?: unknown) => fail(err ?? "handled"),
        done: (err?: unknown, result?: unknown) => (err != null ? fail(err) : ok(result)),
      });
      const callback = (err?: unknown, result?: unknown) =>
        err != null ? fail(err) : decide({ status: "ok", result }, legacy.callbackWaitsForEmptyEventLoop !== false);
      try {
        const ret = runtime === "node24" ? handler(event, base) : handler(event, legacy, callback);
        const thenable = ret as PromiseLike<unknown> | null;
        if (typeof thenable?.then === "function") thenable.then(ok, fail);
        else if (runtime === "node24") ok(ret);
        // A sync legacy handler that never calls back ends with null once the loop drains (beforeExit).
        else void tracker.drained().then(() => ok(null));
      } catch (e) {
        fail(e);
      }
    }

    const decision = await ended; // the watchdog may still fire during the grace period; send() ignores it
    // Taken once the handler's synchronous code has run: the RIC posts the answer asynchronously.
    const settledAt = exitedAt ?? marks();
    if (!exitedAt) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((r) => { timer = setTimeout(r, graceMs); });
      // Two check-phase hops after the drain: the rejection of a last callback is reported before them.
      const hop = () => new Promise((r) => setImmediate(r));
      const drained = opts.graceUntilDrained ? tracker.drained().then(hop).then(hop) : new Promise<never>(() => {});
      await Promise.race([grace, drained]);
      clearTimeout(timer);
    }
    const last = exitedAt ?? marks();
    const [effectsAtSettle, lateEffects] = [slice(start, settledAt), slice(settledAt, last)];
    return { ...decision, effectsAtSettle, lateEffects, unhandledRejections };
  } finally {
    clearTimeout(watchdog);
    for (const [h, clear] of live) clear(h); // the frozen sandbox is discarded; nothing may leak into later tests
    for (const log of logs) if (watchers.get(log) === tracker) { watchers.delete(log); uncaught.delete(log); }
    unwatch();
  }
}
