/**
 * Streamed responses at runtime (issue 17): work that writes into the body the handler returns is
 * part of the response. Each handler runs under the freeze harness before and after settle, the
 * whole body is read, and a handler that does not return within the harness' bound is a failure
 * ("timeout"), not a suite time-out. The naive rewrite (awaiting the writer) is run too, to show
 * that the shape really hangs and that these tests would catch a rewrite that adds the await.
 */
import { describe, expect, it } from "vitest";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";

const context = {
  "stubs.ts": "export declare function track(name: string): Promise<void>;\n",
  // The sandbox has no web streams of its own: the test hands Node's real ones in as a module.
  "web.ts": [
    "export declare const TransformStream: typeof globalThis.TransformStream;",
    "export declare const ReadableStream: typeof globalThis.ReadableStream;",
    "export declare const Response: typeof globalThis.Response;",
    "export declare const TextEncoderStream: typeof globalThis.TextEncoderStream;",
  ].join("\n"),
};
const web = { TransformStream, ReadableStream, Response, TextEncoderStream };

function run(code: string, timeoutMs = 1000): Promise<InvocationOutcome> {
  const log = createEffectLog();
  return invoke({ code, fileName: "handler.ts", event: { rows: ["a", "b", "c"] }, runtime: "node24", timeoutMs, modules: { "./stubs": makeStubs(log), "./web": web } });
}

/** The whole body of the Response the invocation answered with, or "hang" when it does not end in time. */
async function bodyOf(outcome: InvocationOutcome): Promise<string> {
  const response = outcome.result as Response;
  const timer = new Promise<string>((r) => setTimeout(() => r("hang"), 1000));
  return Promise.race([response.text(), timer]);
}

function settle(source: string) {
  const out = transformSource("handler.ts", source, transforms, { context });
  expect(out.failure).toBeUndefined();
  const again = transformSource("handler.ts", out.text, transforms, { context });
  expect(again.changed).toBe(false);
  return out;
}

const TRANSFORM_STREAM = `
import { track } from "./stubs";
import { Response, TextEncoderStream, TransformStream } from "./web";

export async function handler(event: { rows: string[] }) {
  const { readable, writable } = new TransformStream<string, string>();
  const writer = writable.getWriter();
  (async () => {
    for (const row of event.rows) await writer.write(row);
    await writer.close();
  })();
  track("stream-started");
  return new Response(readable.pipeThrough(new TextEncoderStream()));
}
`;

const READABLE_START = `
import { track } from "./stubs";
import { ReadableStream, Response } from "./web";

export async function handler(event: { rows: string[] }) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      (async () => {
        for (const row of event.rows) {
          await Promise.resolve();
          controller.enqueue(new TextEncoder().encode("data: " + row + "\\n\\n"));
        }
        controller.close();
      })();
    },
  });
  track("sse");
  return new Response(body);
}
`;

describe("streamed responses keep working (node24)", () => {
  for (const [name, source, effect] of [["TransformStream writer", TRANSFORM_STREAM, "track:stream-started"], ["ReadableStream start()", READABLE_START, "track:sse"]] as const) {
    it(`${name}: left alone, the body is byte-identical, the unrelated work now lands inside the invocation`, async () => {
      const before = await run(source);
      expect(before.status).toBe("ok");
      const beforeBody = await bodyOf(before);
      expect(beforeBody).toMatch(/a[^]*b[^]*c/);
      expect(before.lateEffects).toEqual([effect]);

      const out = settle(source);
      expect(out.findings.map((f) => f.reason)).toEqual([expect.stringMatching(/left alone: it writes into .*would hang the response$/)]);
      const after = await run(out.text);
      expect(after.status).toBe("ok");
      expect(await bodyOf(after)).toBe(beforeBody);
      expect(after.effectsAtSettle).toEqual([effect]);
      expect(after.lateEffects).toEqual([]);
    });
  }

  it("the naive rewrite (awaiting the writer) hangs the handler: what settle must never write", async () => {
    const naive = TRANSFORM_STREAM.replace("  (async () => {", "  await (async () => {");
    expect(naive).not.toBe(TRANSFORM_STREAM);
    const outcome = await run(naive, 300);
    expect(outcome.status).toBe("timeout");
  });
});

describe("a promise nothing can settle is never awaited (node24)", () => {
  const source = `
import { track } from "./stubs";

export async function handler(event: { id: string }) {
  new Promise(async () => {
    await track(event.id);
  });
  return { statusCode: 202 };
}
`;
  it("settle reports it and leaves it; the naive await would hang", async () => {
    const out = transformSource("handler.ts", source, transforms, { context });
    expect(out.changed).toBe(false);
    expect(out.findings.map((f) => f.reason)).toEqual(["this promise never settles: awaiting it would hang; await the work inside it instead"]);
    expect((await run(source)).status).toBe("ok");
    const naive = source.replace("  new Promise(", "  await new Promise(");
    expect((await run(naive, 300)).status).toBe("timeout");
  });
});

describe("a lock released by other code is never awaited (node24)", () => {
  const source = `
import { track } from "./stubs";

let release: () => void = () => {};
export async function handler(event: { id: string }) {
  new Promise<void>((resolve) => {
    release = resolve;
  });
  track(event.id);
  return { statusCode: 202 };
}
export function next() {
  release();
}
`;
  it("settle reports the lock, awaits the unrelated work; the naive await of the lock would hang", async () => {
    const out = settle(source);
    expect(out.findings.map((f) => f.reason)).toEqual([expect.stringMatching(/^awaiting it could hang: only code elsewhere settles it, through `release` kept for later/)]);
    expect(out.text).toContain("  new Promise<void>((resolve) => {");
    expect(out.text).toContain("  await track(event.id);");
    const before = await run(source);
    expect(before.status).toBe("ok");
    const after = await run(out.text);
    expect(after.status).toBe("ok");
    expect(after.result).toEqual(before.result);
    expect(after.effectsAtSettle.length).toBe(1);
    const naive = source.replace("  new Promise<void>(", "  await new Promise<void>(");
    expect(naive).not.toBe(source);
    expect((await run(naive, 300)).status).toBe("timeout");
  });
});
