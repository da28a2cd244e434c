/**
 * Behavioural tests for the floating-promises transform (DESIGN.md 6, "runtime tests"): each handler
 * runs under the freeze-at-settle harness before and after the rewrite, the way Node.js 24 Lambda
 * runs it. Before: the floating work lands after the invocation settled (it escaped). After: every
 * effect lands before the invocation settles, with the same result, and a second run changes nothing.
 */
import { describe, expect, it } from "vitest";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

/** The types of makeStubs(log), so the checker knows which calls return promises. */
const STUBS_DTS = `
export declare function track(name: string): Promise<void>;
export declare const db: {
  put<T>(item: T): Promise<T>;
  get(id: string): Promise<unknown>;
  del(id: string): Promise<boolean>;
};
export declare function sendEmail(to: string): Promise<{ to: string; sent: boolean }>;
export declare function sleep(ms: number): Promise<void>;
export declare function failing(msg: string): Promise<never>;
export declare const legacyDb: { put(item: unknown, cb: (err: Error | null, item?: unknown) => void): void };
`;
const context = { "stubs.ts": STUBS_DTS };

/** One invocation under the Node.js 24 runtime, with fresh stubs and a fresh effect log. */
function run(code: string, event: unknown, fileName = "handler.ts"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName, event, runtime: "node24", modules: { "./stubs": makeStubs(log) } });
}

/** Transform once (must change, cleanly, with nothing reported), then again (must be a no-op). */
function settle(source: string, fileName = "handler.ts"): string {
  return settleTwice(fileName, source, { context });
}

const clean = { lateEffects: [], unhandledRejections: [] };

describe("floating-promises at runtime (node24): escaped work lands inside the invocation", () => {
  it("un-awaited call statement", async () => {
    const source = `
import { db, track } from "./stubs";

export async function handler(event: { orderId: string }) {
  const order = await db.put({ id: event.orderId, status: "new" });
  track("order-saved");
  return { statusCode: 201, body: order.id };
}
`;
    const event = { orderId: "o-1" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 201, body: "o-1" },
      effectsAtSettle: ["db.put:o-1"], lateEffects: ["track:order-saved"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:o-1", "track:order-saved"], ...clean });
  });

  it("un-awaited call that fails: intended behaviour change, the unhandled rejection becomes the invocation's error", async () => {
    const source = `
import { db, failing } from "./stubs";

export async function handler(event: { orderId: string }) {
  await db.put({ id: event.orderId });
  failing("analytics unavailable");
  return { statusCode: 201 };
}
`;
    const event = { orderId: "o-2" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 201 },
      effectsAtSettle: ["db.put:o-2"], lateEffects: ["failing:analytics unavailable"],
      unhandledRejections: ["analytics unavailable"],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "error", error: { name: "Error", message: "analytics unavailable" },
      effectsAtSettle: ["db.put:o-2", "failing:analytics unavailable"], ...clean,
    });
  });

  it("async method of a class instance defined in the handler module", async () => {
    const source = `
import { db, sendEmail } from "./stubs";

class OrderNotifier {
  constructor(private readonly sender: string) {}

  async confirm(orderId: string, to: string): Promise<void> {
    await db.put({ id: \`mail-\${orderId}\`, from: this.sender, to });
    await sendEmail(to);
  }
}

const notifier = new OrderNotifier("shop@example.com");

export const handler = async (event: { orderId: string; email: string }) => {
  await db.put({ id: event.orderId });
  notifier.confirm(event.orderId, event.email);
  return { ok: true, orderId: event.orderId };
};
`;
    const event = { orderId: "o-3", email: "ada@example.com" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { ok: true, orderId: "o-3" },
      effectsAtSettle: ["db.put:o-3"], lateEffects: ["db.put:mail-o-3", "email:ada@example.com"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "ok", result: before.result,
      effectsAtSettle: ["db.put:o-3", "db.put:mail-o-3", "email:ada@example.com"], ...clean,
    });
  });

  it(".then(...) chain statement: the whole chain, including the work its callback returns, lands", async () => {
    const source = `
import { db, track } from "./stubs";

export async function handler(event: { id: string; name: string }) {
  await db.put({ id: event.id, name: event.name });
  db.get(event.id).then((user) => track(\`welcome-\${(user as { name: string }).name}\`));
  return { statusCode: 200 };
}
`;
    const event = { id: "u-1", name: "Ada" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 200 },
      effectsAtSettle: ["db.put:u-1"], lateEffects: ["db.get:u-1", "track:welcome-Ada"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "ok", result: before.result, effectsAtSettle: ["db.put:u-1", "db.get:u-1", "track:welcome-Ada"], ...clean,
    });
  });

  it(".then(...) chain that fails: intended behaviour change, the rejection is reported through the invocation", async () => {
    const source = `
import { db, failing } from "./stubs";

export async function handler(event: { id: string }) {
  await db.put({ id: event.id });
  db.get(event.id).then(() => failing("crm sync failed"));
  return { statusCode: 200 };
}
`;
    const event = { id: "u-2" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 200 },
      effectsAtSettle: ["db.put:u-2"], lateEffects: ["db.get:u-2", "failing:crm sync failed"],
      unhandledRejections: ["crm sync failed"],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "error", error: { name: "Error", message: "crm sync failed" },
      effectsAtSettle: ["db.put:u-2", "db.get:u-2", "failing:crm sync failed"], ...clean,
    });
  });

  it("p.catch(log): the failure is still handled (same result), and the handling now lands too", async () => {
    const source = `
import { failing, track } from "./stubs";

const logFailure = (err: Error) => track(\`error:\${err.message}\`);

export async function handler(event: { to: string }) {
  failing(\`smtp refused \${event.to}\`).catch(logFailure);
  return { accepted: true };
}
`;
    const event = { to: "bob@example.com" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { accepted: true }, effectsAtSettle: [],
      lateEffects: ["failing:smtp refused bob@example.com", "track:error:smtp refused bob@example.com"],
      unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "ok", result: before.result,
      effectsAtSettle: ["failing:smtp refused bob@example.com", "track:error:smtp refused bob@example.com"], ...clean,
    });
  });

  it("void p: a deliberately ignored promise is waited for", async () => {
    const source = `
import { db } from "./stubs";

export const handler = async (event: { userId: string }) => {
  const session = await db.put({ id: \`session-\${event.userId}\` });
  void db.del(\`stale-\${event.userId}\`); // best-effort cleanup
  return { session: session.id };
};
`;
    const event = { userId: "u-3" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { session: "session-u-3" },
      effectsAtSettle: ["db.put:session-u-3"], lateEffects: ["db.del:stale-u-3"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:session-u-3", "db.del:stale-u-3"], ...clean });
  });

  it("Promise.all([...]) statement", async () => {
    const source = `
import { db, sendEmail, track } from "./stubs";

export async function handler(event: { orderId: string; email: string }) {
  const order = await db.put({ id: event.orderId, email: event.email });
  Promise.all([sendEmail(order.email), track("order-placed")]);
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
}
`;
    const event = { orderId: "o-4", email: "cy@example.com" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 201, body: '{"id":"o-4"}' },
      effectsAtSettle: ["db.put:o-4"], lateEffects: ["track:order-placed", "email:cy@example.com"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "ok", result: before.result,
      effectsAtSettle: ["db.put:o-4", "track:order-placed", "email:cy@example.com"], ...clean,
    });
  });

  it("promise stored in a variable that is never awaited: both the early return and the normal path wait, concurrently", async () => {
    const source = `
import { db, sendEmail } from "./stubs";

export async function handler(event: { id: string; dryRun?: boolean }) {
  const audit = sendEmail("audit@example.com");
  if (event.dryRun) return { id: event.id, saved: false };
  await db.put({ id: event.id });
  return { id: event.id, saved: true };
}
`;
    const dry = { id: "r-1", dryRun: true };
    const real = { id: "r-2" };
    const beforeDry = await run(source, dry);
    expect(beforeDry).toEqual({
      status: "ok", result: { id: "r-1", saved: false },
      effectsAtSettle: [], lateEffects: ["email:audit@example.com"], unhandledRejections: [],
    });
    const beforeReal = await run(source, real);
    expect(beforeReal).toEqual({
      status: "ok", result: { id: "r-2", saved: true },
      effectsAtSettle: ["db.put:r-2"], lateEffects: ["email:audit@example.com"], unhandledRejections: [],
    });

    const rewritten = settle(source);
    const afterDry = await run(rewritten, dry);
    expect(afterDry).toEqual({ status: "ok", result: beforeDry.result, effectsAtSettle: ["email:audit@example.com"], ...clean });
    // The email (10ms) still starts before the write (5ms): the write lands first, so nothing was serialised.
    const afterReal = await run(rewritten, real);
    expect(afterReal).toEqual({
      status: "ok", result: beforeReal.result, effectsAtSettle: ["db.put:r-2", "email:audit@example.com"], ...clean,
    });
  });

  it("deliberate concurrency (const a = x(); await y(); await a;) is left as written and stays concurrent", async () => {
    const concurrent = `  const warmup = sleep(20); // warm the pool while we write
  await db.put({ id: event.id });
  await warmup;
`;
    const source = `
import { db, sleep, track } from "./stubs";

export async function handler(event: { id: string }) {
${concurrent}  track(\`written-\${event.id}\`);
  return { id: event.id };
}
`;
    const event = { id: "c-1" };
    // Both started before either finished: the 5ms write lands before the 20ms sleep started earlier.
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { id: "c-1" },
      effectsAtSettle: ["db.put:c-1", "sleep:20"], lateEffects: ["track:written-c-1"], unhandledRejections: [],
    });

    const rewritten = settle(source);
    expect(rewritten).toContain(concurrent);
    const after = await run(rewritten, event);
    expect(after).toEqual({
      status: "ok", result: before.result, effectsAtSettle: ["db.put:c-1", "sleep:20", "track:written-c-1"], ...clean,
    });
  });

  it("items.forEach(async ...) becomes Promise.all(items.map(...)): every item lands, still concurrently", async () => {
    const source = `
import { sendEmail, track } from "./stubs";

interface Recipient { id: string; email: string }

export const handler = async (event: { recipients: Recipient[] }) => {
  event.recipients.forEach(async (recipient) => {
    await sendEmail(recipient.email);
    await track(\`sent-\${recipient.id}\`);
  });
  return { queued: event.recipients.length };
};
`;
    const event = { recipients: [{ id: "a", email: "a@example.com" }, { id: "b", email: "b@example.com" }] };
    // Concurrent order: both emails (10ms) before either track (5ms after its email). One item at a
    // time would give email:a, track:sent-a, email:b, track:sent-b.
    const concurrentOrder = ["email:a@example.com", "email:b@example.com", "track:sent-a", "track:sent-b"];
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { queued: 2 }, effectsAtSettle: [], lateEffects: concurrentOrder, unhandledRejections: [],
    });

    const rewritten = settle(source);
    expect(rewritten).toContain("await Promise.all(event.recipients.map(async (recipient) => {");
    const after = await run(rewritten, event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: concurrentOrder, ...clean });
  });

  it("synchronous handler is made async: same return value, and its floating work lands", async () => {
    const source = `
import { track } from "./stubs";

export function handler(event: { path: string }) {
  track(\`hit:\${event.path}\`);
  return { statusCode: 200, body: \`hello from \${event.path}\` };
}
`;
    const event = { path: "/hello" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 200, body: "hello from /hello" },
      effectsAtSettle: [], lateEffects: ["track:hit:/hello"], unhandledRejections: [],
    });

    const rewritten = settle(source);
    expect(rewritten).toContain("export async function handler(");
    const after = await run(rewritten, event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["track:hit:/hello"], ...clean });
  });

  it("async helper reached from the handler: the helper's own floating call lands too", async () => {
    const source = `
import { db, sendEmail } from "./stubs";

async function recordSignup(userId: string): Promise<void> {
  await db.put({ id: userId });
  sendEmail(\`\${userId}@example.com\`);
}

export const handler = async (event: { userId: string }) => {
  await recordSignup(event.userId);
  return { statusCode: 201 };
};
`;
    const event = { userId: "grace" };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { statusCode: 201 },
      effectsAtSettle: ["db.put:grace"], lateEffects: ["email:grace@example.com"], unhandledRejections: [],
    });

    const rewritten = settle(source);
    expect(rewritten).toContain("  await sendEmail(`${userId}@example.com`);");
    const after = await run(rewritten, event);
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:grace", "email:grace@example.com"], ...clean });
  });

  it("CommonJS JavaScript handler (exports.handler, require)", async () => {
    const source = `"use strict";
const { db, track } = require("./stubs");

exports.handler = async (event) => {
  const item = await db.put({ id: event.id });
  track("item-created");
  return { statusCode: 200, body: item.id };
};
`;
    const event = { id: "j-1" };
    const before = await run(source, event, "handler.js");
    expect(before).toEqual({
      status: "ok", result: { statusCode: 200, body: "j-1" },
      effectsAtSettle: ["db.put:j-1"], lateEffects: ["track:item-created"], unhandledRejections: [],
    });

    const after = await run(settle(source, "handler.js"), event, "handler.js");
    expect(after).toEqual({ status: "ok", result: before.result, effectsAtSettle: ["db.put:j-1", "track:item-created"], ...clean });
  });

  it("a handler that needs no change is left byte-identical and behaves identically", async () => {
    const source = `
import { db, failing, sleep, track } from "./stubs";

export async function handler(event: { id: string }) {
  const warmup = sleep(20);
  const [item] = await Promise.all([db.put({ id: event.id }), track("batch")]);
  await warmup;
  try {
    await failing("optional step");
  } catch {
    await track("optional-skipped");
  }
  return { id: item.id };
}
`;
    const result = transformSource("handler.ts", source, transforms, { context });
    expect(result).toEqual({ text: source, changed: false, findings: [], failure: undefined });

    const event = { id: "n-1" };
    const expected = {
      status: "ok", result: { id: "n-1" },
      effectsAtSettle: ["db.put:n-1", "track:batch", "sleep:20", "failing:optional step", "track:optional-skipped"], ...clean,
    };
    expect(await run(source, event)).toEqual(expected);
    expect(await run(result.text, event)).toEqual(expected);
  });
});

// Exits other than return (throw) and handlers without a block body: both once let work escape silently.
describe("floating-promises at runtime (node24): throw exits and expression-bodied handlers", () => {
  it("promise stored in a variable: a throw exit waits for it too (the invocation's error stays the same)", async () => {
    const source = `
import { db, sendEmail } from "./stubs";

export async function handler(event: { id?: string }) {
  const audit = sendEmail("audit@example.com");
  if (!event.id) throw new Error("id required");
  await db.put({ id: event.id });
  return { saved: event.id };
}
`;
    const invalid = {};
    const before = await run(source, invalid);
    expect(before).toEqual({
      status: "error", error: { name: "Error", message: "id required" },
      effectsAtSettle: [], lateEffects: ["email:audit@example.com"], unhandledRejections: [],
    });

    const rewritten = settle(source);
    const after = await run(rewritten, invalid);
    expect(after).toEqual({ status: "error", error: before.error, effectsAtSettle: ["email:audit@example.com"], ...clean });
  });

  it("concise-body arrow handler: items.forEach(async ...) as the arrow's expression", async () => {
    const source = `
import { track } from "./stubs";

export const handler = async (event: { ids: string[] }) =>
  event.ids.forEach(async (id) => {
    await track(\`processed-\${id}\`);
  });
`;
    const event = { ids: ["m-1", "m-2"] };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: undefined,
      effectsAtSettle: [], lateEffects: ["track:processed-m-1", "track:processed-m-2"], unhandledRejections: [],
    });

    const after = await run(settle(source), event);
    expect(after).toEqual({
      status: "ok", result: before.result, effectsAtSettle: ["track:processed-m-1", "track:processed-m-2"], ...clean,
    });
  });
});
