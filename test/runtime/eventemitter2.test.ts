/**
 * What the emitters transform relies on, checked against the real eventemitter2 package (the one
 * @nestjs/event-emitter uses): emitAsync waits for every listener's promise where emit does not;
 * a listener registered with `async: true` is only waited for with `promisify: true`; and the
 * `nextTick` + `promisify` combination never calls the listener (why it is reported, not rewritten).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { EventEmitter2 } from "eventemitter2";
import { describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, trackPending } from "../harness/freeze.js";
import { FIXTURES } from "../helpers/fixtures.js";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nest registers `(...args) => wrapper(...)`: a plain function, so EventEmitter2 cannot tell it is async. */
function nestStyle(listener: (...args: unknown[]) => Promise<unknown>) {
  return (...args: unknown[]) => listener(...args);
}

describe("eventemitter2: emit versus emitAsync", () => {
  it("emit returns before an async listener's work; await emitAsync returns after it", async () => {
    const log: string[] = [];
    const bus = new EventEmitter2();
    bus.on("signup", async (email: string) => {
      await delay(10);
      log.push(`sent:${email}`);
    });
    bus.emit("signup", "a@example.com");
    log.push("emit returned");
    await delay(20);
    await bus.emitAsync("signup", "b@example.com");
    log.push("emitAsync returned");
    expect(log).toEqual(["emit returned", "sent:a@example.com", "sent:b@example.com", "emitAsync returned"]);
  });

  it("keeps listener order, once semantics and rejects with a listener's error", async () => {
    const log: string[] = [];
    const bus = new EventEmitter2();
    bus.on("e", async () => {
      log.push("first:start");
      await delay(5);
      log.push("first:end");
    });
    bus.once("e", () => log.push("once"));
    bus.on("e", () => log.push("sync"));
    await bus.emitAsync("e");
    await bus.emitAsync("e");
    expect(log).toEqual(["first:start", "once", "sync", "first:end", "first:start", "sync", "first:end"]);

    bus.on("fail", async () => {
      await delay(1);
      throw new Error("mail server down");
    });
    await expect(bus.emitAsync("fail")).rejects.toThrow("mail server down");
  });

  it("does not wait for an { async: true } listener Nest registers, unless promisify: true is added", async () => {
    const log: string[] = [];
    const listener = nestStyle(async () => {
      await delay(10);
      log.push("listener done");
    });
    const plain = new EventEmitter2();
    plain.on("e", listener, { async: true });
    await plain.emitAsync("e");
    log.push("emitAsync settled");
    await vi.waitFor(() => expect(log).toEqual(["emitAsync settled", "listener done"]));

    log.length = 0;
    const fixed = new EventEmitter2();
    fixed.on("e", listener, { async: true, promisify: true });
    fixed.emit("e");
    log.push("emit returned");
    await fixed.emitAsync("e");
    log.push("emitAsync settled");
    // async: true still keeps the listener out of the emit call itself.
    expect(log).toEqual(["emit returned", "listener done", "listener done", "emitAsync settled"]);
  });

  it("never calls a listener registered with nextTick and promisify (EventEmitter2 6.4), and does not wait with nextTick alone", async () => {
    const log: string[] = [];
    const bus = new EventEmitter2();
    bus.on("both", nestStyle(async () => void log.push("both")), { nextTick: true, promisify: true });
    bus.on("tick", nestStyle(async () => {
      await delay(5);
      log.push("tick done");
    }), { nextTick: true });
    await bus.emitAsync("both");
    await bus.emitAsync("tick");
    log.push("emitAsync settled");
    await delay(20);
    expect(log).toEqual(["emitAsync settled", "tick done"]);
  });
});

describe("emitters fixture expression-bodies at runtime (Node.js 24 rules)", () => {
  const read = (kind: string) => readFileSync(path.join(FIXTURES, "emitters", "expression-bodies", "src", `handler.${kind}.ts`), "utf8");
  /** A real EventEmitter2 whose async listener records its effect 5 ms after the emit. */
  function runHandler(code: string, exportName: string) {
    const log = createEffectLog();
    const bus = new EventEmitter2();
    bus.on("order.created", (id: string) => trackPending(log, delay(5).then(() => log.record(`sent:${id}`))));
    return invoke({ code, fileName: "handler.ts", exportName, event: { id: "o1" }, runtime: "node24", modules: { "./bus.js": { bus }, log } });
  }

  for (const exportName of ["created", "plain"]) {
    it(`${exportName}: the listener's work escaped the invocation; after the rewrite it lands inside, with the same result`, async () => {
      const before = await runHandler(read("input"), exportName);
      expect(before).toMatchObject({ status: "ok", result: undefined, effectsAtSettle: [], lateEffects: ["sent:o1"] });
      const after = await runHandler(read("output"), exportName);
      expect(after).toEqual({ status: "ok", result: undefined, effectsAtSettle: ["sent:o1"], lateEffects: [], unhandledRejections: [] });
    });
  }
});
