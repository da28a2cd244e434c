/**
 * Why the emitters transform reports Node's EventEmitter emits with async listeners instead of
 * offering an awaiting rewrite (even under --strategy await). The only rewrite would be a local
 * helper that calls the listeners itself (emit() drops what they return) and awaits their promises.
 * Checked here against the real `events` module: such a helper can keep listener order, `once`
 * removal, the synchronous throw, the 'error' event without listeners and `errorMonitor`, but it
 * cannot keep a subclass's own emit() nor captureRejections, whose per-instance setting has no
 * public accessor. So the rewrite would not behave as emit does, and settle reports.
 */
import { EventEmitter, errorMonitor } from "node:events";
import { describe, expect, it } from "vitest";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The best such helper: emit's rules re-implemented on the public API, then the listeners' promises awaited. */
async function emitAwaiting(emitter: EventEmitter, event: string | symbol, ...args: unknown[]): Promise<boolean> {
  if (event === "error") {
    if (emitter.listenerCount("error") === 0) return emitter.emit(event, ...args); // monitors, then throws, as emit does
    for (const monitor of emitter.rawListeners(errorMonitor)) Reflect.apply(monitor, emitter, args);
  }
  const listeners = emitter.rawListeners(event); // once wrappers remove themselves when called
  const results = listeners.map((listener) => Reflect.apply(listener, emitter, args) as unknown);
  await Promise.all(results.filter((r): r is PromiseLike<unknown> => typeof (r as PromiseLike<unknown> | null)?.then === "function"));
  return listeners.length > 0;
}

/** Run the same scenario once with emit and once with the helper; return both logs. */
async function both(setup: (bus: EventEmitter, log: string[]) => void, fire: (bus: EventEmitter, emitFn: typeof emitAwaiting) => Promise<unknown>) {
  const logs: string[][] = [];
  for (const emitFn of [async (b: EventEmitter, e: string | symbol, ...a: unknown[]) => b.emit(e, ...a), emitAwaiting]) {
    const log: string[] = [];
    const bus = new EventEmitter();
    setup(bus, log);
    try {
      log.push(`returned:${String(await fire(bus, emitFn))}`);
    } catch (error) {
      log.push(`threw:${(error as Error).message}`);
    }
    await delay(20);
    logs.push(log);
  }
  return logs;
}

describe("node:events: what an awaiting helper keeps of emit()", () => {
  it("keeps listener order and once removal (and awaits the async listener, which is the point)", async () => {
    const [emitted, helped] = await both(
      (bus, log) => {
        bus.on("e", async () => { log.push("async:start"); await delay(5); log.push("async:end"); });
        bus.once("e", () => log.push("once"));
        bus.on("e", () => log.push("sync"));
      },
      async (bus, emitFn) => { await emitFn(bus, "e"); return emitFn(bus, "e"); },
    );
    const calls = (log: string[]) => log.filter((l) => !l.startsWith("async:end") && !l.startsWith("returned"));
    expect(calls(emitted)).toEqual(["async:start", "once", "sync", "async:start", "sync"]);
    expect(calls(helped)).toEqual(calls(emitted));
    expect(helped.indexOf("returned:true")).toBeGreaterThan(helped.lastIndexOf("async:end"));
    expect(emitted.indexOf("returned:true")).toBeLessThan(emitted.indexOf("async:end"));
  });

  it("keeps the synchronous throw: the listeners after the throwing one are not called", async () => {
    const [emitted, helped] = await both(
      (bus, log) => {
        bus.on("e", () => log.push("first"));
        bus.on("e", () => { throw new Error("boom"); });
        bus.on("e", () => log.push("third"));
      },
      (bus, emitFn) => emitFn(bus, "e"),
    );
    expect(emitted).toEqual(["first", "threw:boom"]);
    expect(helped).toEqual(emitted);
  });

  it("keeps 'error' without listeners (throws the error) and errorMonitor (called first)", async () => {
    const [emitted, helped] = await both(
      (bus, log) => { bus.on(errorMonitor, (e: Error) => log.push(`monitor:${e.message}`)); },
      (bus, emitFn) => emitFn(bus, "error", new Error("bad")),
    );
    expect(emitted).toEqual(["monitor:bad", "threw:bad"]);
    expect(helped).toEqual(emitted);

    const [handled, helpedHandled] = await both(
      (bus, log) => {
        bus.on("error", (e: Error) => log.push(`handled:${e.message}`));
        bus.on(errorMonitor, (e: Error) => log.push(`monitor:${e.message}`));
      },
      (bus, emitFn) => emitFn(bus, "error", new Error("bad")),
    );
    expect(handled).toEqual(["monitor:bad", "handled:bad", "returned:true"]);
    expect(helpedHandled).toEqual(handled);
  });

  it("cannot keep a subclass's own emit(): the helper calls the listeners past it", async () => {
    class Audited extends EventEmitter {
      readonly seen: string[] = [];
      override emit(event: string | symbol, ...args: unknown[]): boolean {
        this.seen.push(String(event));
        return super.emit(event, ...args);
      }
    }
    const viaEmit = new Audited();
    viaEmit.emit("signup");
    const viaHelper = new Audited();
    await emitAwaiting(viaHelper, "signup");
    expect(viaEmit.seen).toEqual(["signup"]);
    expect(viaHelper.seen).toEqual([]);
  });

  it("cannot keep captureRejections: emit routes a listener's rejection to 'error', the helper rejects instead", async () => {
    const run = async (emitFn: (b: EventEmitter) => Promise<unknown>) => {
      const log: string[] = [];
      const bus = new EventEmitter({ captureRejections: true });
      bus.on("e", async () => { await delay(1); throw new Error("listener failed"); });
      bus.on("error", (e: Error) => log.push(`error event:${e.message}`));
      try {
        await emitFn(bus);
        log.push("resolved");
      } catch (e) {
        log.push(`rejected:${(e as Error).message}`);
      }
      await delay(10);
      return log;
    };
    expect(await run(async (b) => b.emit("e"))).toEqual(["resolved", "error event:listener failed"]);
    expect(await run((b) => emitAwaiting(b, "e"))).toEqual(["rejected:listener failed"]);
    // And the helper cannot tell the two emitters apart: the per-instance setting has no public accessor.
    const publicKeys = (b: EventEmitter) => [...Object.keys(b), ...Object.getOwnPropertySymbols(b).map((s) => s.description)].filter((k) => /capture/i.test(String(k)));
    expect(publicKeys(new EventEmitter({ captureRejections: true }))).toEqual(["kCapture"]); // an internal symbol, not exported
  });
});
