/**
 * Behavioural tests for the callback-apis transform: each handler runs under the freeze-at-settle
 * harness (Node.js 24 rules) before and after a full default run, with the real `fs`, `fs/promises`
 * and `node:timers/promises` modules on temp files. Before: the work of the callback lands after the
 * invocation settled. After: it lands before, with the same result, and the error branch still only
 * logs (the invocation does not start failing).
 */
import * as fs from "node:fs";
import * as fsPromises from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as timersPromises from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { transformSource } from "../../src/transform-source.js";
import { transforms } from "../../transforms/index.js";
import { createEffectLog, invoke, makeStubs, trackPending, type InvocationOutcome } from "../harness/freeze.js";

const STUBS_DTS = `export declare function track(name: string): Promise<void>;
export declare const client: { prefix: string; fetch(id: string, cb: (err: Error | null, value: string) => void): void };
`;
const context = { "stubs.ts": STUBS_DTS };

/** A node-style client whose method needs its \`this\` (the wrapper must call it as a method). */
function makeClient() {
  return {
    prefix: "item-",
    fetch(this: { prefix: string }, id: string, cb: (err: Error | null, value?: string) => void) {
      setTimeout(() => (id === "bad" ? cb(new Error(`no ${id}`)) : cb(null, this.prefix + id)), 5);
    },
  };
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settle-callback-apis-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `graceMs`: how long after the settle escaped work is still collected (real file IO on a loaded machine is slow). */
function run(code: string, event: unknown, graceMs = 400, runtime: "node24" | "legacy" = "node24", fileName = "handler.ts"): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // The legacy runtime answers once the event loop is empty: it must see the callback IO as pending.
  const readFile = (...args: unknown[]) => {
    const cb = args.pop() as (err: unknown, data: unknown) => void;
    void trackPending(log, new Promise<void>((done) => (fs.readFile as Function)(...args, (err: unknown, data: unknown) => {
      try { cb(err, data); } finally { done(); }
    })));
  };
  const modules = { "./stubs": Object.assign(makeStubs(log), { client: makeClient() }), fs: { ...fs, readFile, promises: fs.promises }, "fs/promises": fsPromises, "node:timers/promises": timersPromises };
  return invoke({ code, fileName, event, runtime, modules, graceMs });
}

/** A full default run must change the file with nothing reported, and a second run must change nothing. */
function settle(source: string, fileName = "handler.ts"): string {
  const first = transformSource(fileName, source, transforms, { context });
  expect(first.failure).toBeUndefined();
  expect(first.findings).toEqual([]);
  expect(first.changed).toBe(true);
  const second = transformSource(fileName, first.text, transforms, { context });
  expect(second.findings).toEqual([]);
  expect(second.changed).toBe(false);
  return first.text;
}

const WRITE = `
import * as fs from "fs";
import { track } from "./stubs";

export const handler = async (event: { file: string; body: string }) => {
  fs.writeFile(event.file, event.body, (err) => {
    if (err) {
      track("write-failed");
      return;
    }
    track("saved:" + fs.readFileSync(event.file, "utf8"));
  });
  setTimeout(() => {
    track("retry");
  }, 20);
  return { statusCode: 202 };
};
`;

describe("callback-apis at runtime (node24): callback work lands inside the invocation", () => {
  it("fs.writeFile with an error branch, and a setTimeout retry", async () => {
    const text = settle(WRITE);
    expect(text).toContain("await fs.promises.writeFile(event.file, event.body);");
    expect(text).toContain("await setTimeout(20);");
    const file = path.join(dir, "ok.txt");

    // Before, the two callbacks race each other after the settle (their order depends on the disk).
    const before = await run(WRITE, { file, body: "v1" });
    expect({ ...before, lateEffects: [...before.lateEffects].sort() }).toEqual({
      status: "ok", result: { statusCode: 202 },
      effectsAtSettle: [], lateEffects: ["track:retry", "track:saved:v1"], unhandledRejections: [],
    });

    fs.rmSync(file);
    const after = await run(text, { file, body: "v2" });
    expect(after).toEqual({
      status: "ok", result: { statusCode: 202 },
      effectsAtSettle: ["track:saved:v2", "track:retry"], lateEffects: [], unhandledRejections: [],
    });
    expect(fs.readFileSync(file, "utf8")).toBe("v2");
  });

  it("a failing write keeps the error branch's behaviour: logged and returned, the invocation still succeeds", async () => {
    const text = settle(WRITE);
    const file = path.join(dir, "missing-folder", "x.txt");

    const before = await run(WRITE, { file, body: "v" });
    expect({ ...before, lateEffects: [...before.lateEffects].sort() }).toEqual({
      status: "ok", result: { statusCode: 202 },
      effectsAtSettle: [], lateEffects: ["track:retry", "track:write-failed"], unhandledRejections: [],
    });

    const after = await run(text, { file, body: "v" });
    // The retry timer still runs: the error branch's `return` ended only the callback.
    expect(after).toEqual({
      status: "ok", result: { statusCode: 202 },
      effectsAtSettle: ["track:write-failed", "track:retry"], lateEffects: [], unhandledRejections: [],
    });
  });

  it("if (err) throw err: the read error becomes the invocation's error instead of an uncaught exception", async () => {
    const source = `
import * as fs from "fs";
import { track } from "./stubs";

export async function handler(event: { file: string }) {
  fs.readFile(event.file, "utf8", (err, text) => {
    if (err) throw err;
    track("read:" + text);
  });
}
`;
    const text = settle(source);
    const file = path.join(dir, "read.txt");
    fs.writeFileSync(file, "hello");
    const before = await run(source, { file });
    expect(before).toEqual({ status: "ok", result: undefined, effectsAtSettle: [], lateEffects: ["track:read:hello"], unhandledRejections: [] });
    const after = await run(text, { file });
    expect(after).toEqual({ status: "ok", result: undefined, effectsAtSettle: ["track:read:hello"], lateEffects: [], unhandledRejections: [] });

    const missing = await run(text, { file: path.join(dir, "nope.txt") });
    expect(missing.status).toBe("error");
    expect(missing.error?.message).toMatch(/ENOENT/);
  });

  it("a typed error-first callback API: await new Promise around the call, which keeps its this", async () => {
    const source = `
import { client, track } from "./stubs";

export const handler = async (event: { id: string }) => {
  client.fetch(event.id, (err, value) => {
    if (err) {
      track("fetch-failed");
      return;
    }
    track(value);
  });
  return "accepted";
};
`;
    const text = settle(source);
    expect(text).toContain("await new Promise<string>((resolve, reject) => client.fetch(event.id, (err, value) => (err ? reject(err) : resolve(value))));");
    const before = await run(source, { id: "a" });
    expect(before).toEqual({ status: "ok", result: "accepted", effectsAtSettle: [], lateEffects: ["track:item-a"], unhandledRejections: [] });
    const after = await run(text, { id: "a" });
    expect(after).toEqual({ status: "ok", result: "accepted", effectsAtSettle: ["track:item-a"], lateEffects: [], unhandledRejections: [] });
    const failed = await run(text, { id: "bad" });
    expect(failed).toEqual({ status: "ok", result: "accepted", effectsAtSettle: ["track:fetch-failed"], lateEffects: [], unhandledRejections: [] });
  });

  it("with callback-handlers in the same run, a callback-style handler awaits fs.promises directly (no promise wrapper)", async () => {
    const source = `
const fs = require("fs");

exports.handler = (event, context, callback) => {
  fs.readFile(event.file, "utf8", (err, text) => {
    if (err) return callback(err);
    const words = text.split(" ");
    callback(null, { length: text.length, words: words.length });
  });
};
`;
    const text = settle(source, "handler.js");
    expect(text).toBe(`
const fs = require("fs");

exports.handler = async (event, context) => {
  const text = await fs.promises.readFile(event.file, "utf8");
  const words = text.split(" ");
  return { length: text.length, words: words.length };
};
`);
    const file = path.join(dir, "legacy.txt");
    fs.writeFileSync(file, "a b c");
    const before = await run(source, { file }, 50, "legacy", "handler.js");
    expect(before).toEqual({ status: "ok", result: { length: 5, words: 3 }, effectsAtSettle: [], lateEffects: [], unhandledRejections: [] });
    const after = await run(text, { file }, 50, "node24", "handler.js");
    expect(after).toEqual(before);
    const missing = { file: path.join(dir, "none.txt") };
    const [oldError, newError] = [await run(source, missing, 50, "legacy", "handler.js"), await run(text, missing, 50, "node24", "handler.js")];
    expect(oldError.status).toBe("error");
    expect(newError).toEqual({ ...oldError, error: { ...oldError.error, message: expect.stringMatching(/^ENOENT: no such file or directory/) } });
    expect(oldError.error?.message).toMatch(/^ENOENT: no such file or directory/);
  });
});
