/**
 * Response-helper callbacks at runtime (issue 17), with the real packages: the AI SDK (`ai` 7 for
 * createUIMessageStream, `ai` 4 as `ai4` for createDataStreamResponse and `ai/rsc`) and Hono's
 * stream()/streamSSE(). Each handler runs under the freeze harness before and after settle; the whole
 * body is read within a bound ("hang" fails the test, the harness' "timeout" is a handler that never
 * returned).
 *
 * - The helpers close the body once their callback settles, so work the callback starts but does not
 *   wait for loses its writes (shown before the rewrite). settle awaits it inside the callback: after
 *   the rewrite the body holds every write and the handler still returns at once.
 * - `ai/rsc`'s createStreamableValue: its package entry needs the react-server condition, under which
 *   React has no hooks and the module fails to load outside Next's bundler; its server build
 *   (`ai4/rsc/dist/rsc-server.mjs`) loads in plain Node with the ordinary React, and the client's
 *   readStreamableValue reads the value. That is what runs here, the real code, not a stand-in.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as ai from "ai";
import * as ai4 from "ai4";
import * as honoStreaming from "hono/streaming";
import { Hono } from "hono";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";
import { createEffectLog, invoke, makeStubs, type InvocationOutcome } from "../harness/freeze.js";

const rscServerUrl = pathToFileURL(path.resolve(import.meta.dirname, "../../node_modules/ai4/rsc/dist/rsc-server.mjs")).href;
const rscServer = (await import(/* @vite-ignore */ rscServerUrl)) as { createStreamableValue: <T>(v?: T) => { value: unknown; append(v: T): unknown; done(): unknown } };
const rscClient = (await import("ai4/rsc")) as unknown as { readStreamableValue: (v: unknown) => AsyncIterable<unknown> };

const context = {
  "stubs.ts": "export declare function track(name: string): Promise<void>;\nexport declare function pause(ms: number): Promise<void>;\n",
  "ai.ts": [
    "type Writer = { write(part: object): void };",
    "export declare function createUIMessageStream(o: { execute: (o: { writer: Writer }) => void | Promise<void> }): ReadableStream;",
    "export declare function createUIMessageStreamResponse(o: { stream: ReadableStream }): Response;",
    "export declare function createDataStreamResponse(o: { execute: (s: { writeData(v: unknown): void }) => void | Promise<void> }): Response;",
  ].join("\n"),
  "rsc.ts": "interface SV<T> { readonly value: unknown; append(v: T): SV<T>; done(): SV<T> }\nexport declare function createStreamableValue<T>(v?: T): SV<T>;\n",
  "hono.ts": [
    "type S = { write(s: string): Promise<unknown>; writeSSE(m: { data: string }): Promise<void>; sleep(ms: number): Promise<unknown> };",
    "export declare class Hono { get(path: string, h: (c: unknown) => Response | Promise<Response>): Hono; request(path: string): Promise<Response> }",
    "export declare function stream(c: unknown, cb: (s: S) => Promise<void>): Response;",
    "export declare function streamSSE(c: unknown, cb: (s: S) => Promise<void>): Response;",
  ].join("\n"),
};
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function run(code: string, timeoutMs = 1000): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const stubs = Object.assign(makeStubs(log), { pause }); // keeps the stubs' own link to the log
  const modules = { "./stubs": stubs, "./ai": { ...ai, ...ai4, createUIMessageStream: ai.createUIMessageStream, createUIMessageStreamResponse: ai.createUIMessageStreamResponse }, "./rsc": rscServer, "./hono": { ...honoStreaming, Hono } };
  return invoke({ code, fileName: "handler.ts", event: { rows: ["a", "b", "c"] }, runtime: "node24", timeoutMs, modules });
}

async function within<T>(work: Promise<T>): Promise<T | "hang"> {
  return Promise.race([work, pause(1000).then(() => "hang" as const)]);
}

function settle(source: string) {
  const out = transformSource("handler.ts", source, transforms, { context });
  expect(out.failure).toBeUndefined();
  const again = transformSource("handler.ts", out.text, transforms, { context });
  expect(again.changed).toBe(false);
  return out;
}

const UI_MESSAGE_STREAM = `
import { pause } from "./stubs";
import { createUIMessageStream, createUIMessageStreamResponse } from "./ai";

export async function handler(event: { rows: string[] }) {
  const stream = createUIMessageStream({
    execute: ({ writer }) => {
      writer.write({ type: "text-start", id: "t" });
      (async () => {
        for (const row of event.rows) {
          await pause(5);
          writer.write({ type: "text-delta", id: "t", delta: row });
        }
        writer.write({ type: "text-end", id: "t" });
      })();
    },
  });
  return createUIMessageStreamResponse({ stream });
}
`;

const DATA_STREAM = `
import { pause } from "./stubs";
import { createDataStreamResponse } from "./ai";

export async function handler(event: { rows: string[] }) {
  return createDataStreamResponse({
    execute: async (dataStream) => {
      dataStream.writeData("start");
      (async () => {
        for (const row of event.rows) {
          await pause(5);
          dataStream.writeData(row);
        }
      })();
    },
  });
}
`;

const HONO_STREAM = `
import { pause } from "./stubs";
import { Hono, stream } from "./hono";

export async function handler(event: { rows: string[] }) {
  const app = new Hono().get("/", (c) =>
    stream(c, async (s) => {
      (async () => {
        for (const row of event.rows) {
          await pause(5);
          await s.write(row);
        }
      })();
      await s.write("start:");
    }),
  );
  return app.request("/");
}
`;

const HONO_SSE = `
import { pause } from "./stubs";
import { Hono, streamSSE } from "./hono";

export async function handler(event: { rows: string[] }) {
  const app = new Hono().get("/", (c) =>
    streamSSE(c, async (s) => {
      (async () => {
        for (const row of event.rows) {
          await pause(5);
          await s.writeSSE({ data: row });
        }
      })();
    }),
  );
  return app.request("/");
}
`;

describe("response-helper callbacks await their work inside the callback (real ai and hono, node24)", () => {
  const cases = [
    ["ai createUIMessageStream execute", UI_MESSAGE_STREAM, ["text-start", "a", "b", "c", "text-end"], "text-end"],
    ["ai4 createDataStreamResponse execute", DATA_STREAM, ['"start"', '"a"', '"b"', '"c"'], '"c"'],
    // Awaited, the work now comes before the callback's next write.
    ["hono stream()", HONO_STREAM, ["a", "b", "c", "start:"], "c"],
    ["hono streamSSE()", HONO_SSE, ["data: a", "data: b", "data: c"], "data: c"],
  ] as const;
  for (const [name, source, parts, lost] of cases) {
    it(`${name}: before, the late writes are lost; after, the body holds them all and the handler returns at once`, async () => {
      const before = await run(source);
      expect(before.status).toBe("ok");
      const beforeBody = await within((before.result as Response).text());
      expect(beforeBody).not.toBe("hang");
      expect(beforeBody).not.toContain(lost);

      const out = settle(source);
      expect(out.text).toMatch(/await \(async \(\) => \{/);
      expect(out.findings).toEqual([]);
      const after = await run(out.text);
      expect(after.status).toBe("ok");
      const afterBody = await within((after.result as Response).text());
      expect(afterBody).not.toBe("hang");
      let at = -1;
      for (const part of parts) {
        const next = (afterBody as string).indexOf(part, at + 1);
        expect(next, `${part} in ${afterBody}`).toBeGreaterThan(at);
        at = next;
      }
    });
  }
});

describe("ai/rsc createStreamableValue updated from un-awaited work (real ai 4 server build, node24)", () => {
  const source = `
import { pause, track } from "./stubs";
import { createStreamableValue } from "./rsc";

export async function handler(event: { rows: string[] }) {
  const stream = createStreamableValue("");
  (async () => {
    for (const row of event.rows) {
      await pause(5);
      stream.append(row);
    }
    stream.done();
  })();
  track("ask");
  return { output: stream.value };
}
`;
  async function read(outcome: InvocationOutcome): Promise<string[] | "hang"> {
    const seen: string[] = [];
    const reading = (async () => {
      for await (const v of rscClient.readStreamableValue((outcome.result as { output: unknown }).output)) seen.push(String(v));
      return seen;
    })();
    return within(reading);
  }
  it("left alone: the value streams to its end, the same before and after, and the unrelated work lands inside the invocation", async () => {
    const before = await run(source);
    expect(before.status).toBe("ok");
    // A reader sees the latest value when it looks (how many steps it sees depends on when it starts): the final one counts.
    const beforeValues = await read(before);
    expect(beforeValues).not.toBe("hang");
    expect((beforeValues as string[]).at(-1)).toBe("abc");
    expect(before.lateEffects).toEqual(["track:ask"]);

    const out = settle(source);
    expect(out.findings.map((f) => f.reason)).toEqual([expect.stringMatching(/left alone: it updates `stream`, whose value the handler returns/)]);
    expect(out.text).toContain("  (async () => {");
    const after = await run(out.text);
    expect(after.status).toBe("ok");
    const afterValues = await read(after);
    expect(afterValues).not.toBe("hang");
    expect((afterValues as string[]).at(-1)).toBe("abc");
    expect(after.effectsAtSettle).toEqual(["track:ask"]);
  });
});
