/**
 * Behavioural tests for the callback-apis transform: each handler runs under the freeze-at-settle
 * harness (Node.js 24 rules) before and after a full default run, with the real `fs`, `fs/promises`
 * and `node:timers/promises` modules on temp files, and the real dns (lookups of "localhost"), zlib,
 * crypto and child_process modules. Before: the work of the callback lands after the
 * invocation settled. After: it lands before, with the same result, and the error branch still only
 * logs (the invocation does not start failing).
 */
import * as childProcess from "node:child_process";
import * as crypto from "node:crypto";
import * as dns from "node:dns";
import * as fs from "node:fs";
import * as fsPromises from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as timersPromises from "node:timers/promises";
import * as util from "node:util";
import * as zlib from "node:zlib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createEffectLog, invoke, makeStubs, trackPending, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `export declare function track(name: string): Promise<void>;
export declare const client: { prefix: string; fetch(id: string, cb: (err: Error | null, value: string) => void): void };
export declare const geo: { scale: number; locate(id: string, cb: (err: Error | null, lat: number, lng: number) => void): void };
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
/** A client whose callback has two results, and whose method needs its `this`. */
function makeGeo() {
  return {
    scale: 10,
    locate(this: { scale: number }, id: string, cb: (err: Error | null, lat?: number, lng?: number) => void) {
      setTimeout(() => (id === "nowhere" ? cb(new Error(`no ${id}`)) : cb(null, id.length * this.scale, -id.length)), 5);
    },
  };
}

/** Core modules under both their names; a callback API can be replaced with one whose work the legacy runtime sees as pending. */
function coreModules(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const core: Record<string, unknown> = { dns, zlib, crypto, util, child_process: childProcess, ...overrides };
  return Object.fromEntries(Object.entries(core).flatMap(([name, module]) => [[name, module], [`node:${name}`, module]]));
}

/** `fn` (callback last) with its work tracked as pending until the callback has run. */
function tracked(log: ReturnType<typeof createEffectLog>, fn: Function) {
  return (...args: unknown[]) => {
    const cb = args.pop() as (...results: unknown[]) => void;
    void trackPending(log, new Promise<void>((done) => fn(...args, (...results: unknown[]) => {
      try { cb(...results); } finally { done(); }
    })));
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settle-callback-apis-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `graceMs`: how long after the settle escaped work is still collected (real file IO on a loaded machine is slow). */
function run(
  code: string,
  event: unknown,
  graceMs = 400,
  runtime: "node24" | "legacy" = "node24",
  fileName = "handler.ts",
  core: (log: ReturnType<typeof createEffectLog>) => Record<string, unknown> = () => ({}),
): Promise<InvocationOutcome> {
  const log = createEffectLog();
  // The legacy runtime answers once the event loop is empty: it must see the callback IO as pending.
  const readFile = (...args: unknown[]) => {
    const cb = args.pop() as (err: unknown, data: unknown) => void;
    void trackPending(log, new Promise<void>((done) => (fs.readFile as Function)(...args, (err: unknown, data: unknown) => {
      try { cb(err, data); } finally { done(); }
    })));
  };
  const modules = {
    "./stubs": Object.assign(makeStubs(log), { client: makeClient(), geo: makeGeo() }),
    fs: { ...fs, readFile, promises: fs.promises },
    "fs/promises": fsPromises,
    "node:timers/promises": timersPromises,
    ...coreModules(core(log)),
  };
  return invoke({ code, fileName, event, runtime, modules, graceMs });
}

/** A full default run must change the file with nothing reported, and a second run must change nothing. */
function settle(source: string, fileName = "handler.ts"): string {
  return settleTwice(fileName, source, { context });
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

const CORE = `
import * as dns from "node:dns";
import * as zlib from "node:zlib";
import { generateKeyPair, randomBytes } from "node:crypto";
import { track } from "./stubs";

export const handler = async (event: { host: string; body: string }) => {
  dns.lookup(event.host, (err, address, family) => {
    if (err) {
      track("lookup-failed");
      return;
    }
    track(\`lookup:\${address}/\${family}\`);
  });
  zlib.gzip(event.body, (err, zipped) => {
    if (err) throw err;
    track("gzip:" + zlib.gunzipSync(zipped).toString());
  });
  randomBytes(8, (err, buf) => {
    if (err) throw err;
    track("random:" + buf.length);
  });
  generateKeyPair("ec", { namedCurve: "P-256" }, (err, publicKey, privateKey) => {
    if (err) throw err;
    track(\`keys:\${publicKey.type}/\${privateKey.type}\`);
  });
  return "started";
};
`;

describe("callback-apis at runtime (node24): core modules and callbacks with several results", () => {
  it("dns.lookup (two results), zlib.gzip, crypto.randomBytes and generateKeyPair: their promise forms, same results, inside the invocation", async () => {
    const text = settle(CORE);
    expect(text).toContain("({ address, family } = await dns.promises.lookup(event.host));");
    expect(text).toContain("const zipped = await promisify(zlib.gzip)(event.body);");
    expect(text).toContain("const buf = await promisify(randomBytes)(8);");
    expect(text).toContain('const { publicKey, privateKey } = await promisify(generateKeyPair)("ec", { namedCurve: "P-256" });');
    expect(text).toContain('import { promisify } from "node:util";');
    const { address, family } = await dns.promises.lookup("localhost");
    const effects = [`track:lookup:${address}/${family}`, "track:gzip:hello", "track:random:8", "track:keys:public/private"];

    const before = await run(CORE, { host: "localhost", body: "hello" });
    expect({ ...before, lateEffects: [...before.lateEffects].sort() }).toEqual({
      status: "ok", result: "started", effectsAtSettle: [], lateEffects: [...effects].sort(), unhandledRejections: [],
    });
    const after = await run(text, { host: "localhost", body: "hello" });
    expect(after).toEqual({ status: "ok", result: "started", effectsAtSettle: effects, lateEffects: [], unhandledRejections: [] });
  });

  it("an error branch that only logs keeps doing so: a corrupt gzip body is logged, the invocation still succeeds", async () => {
    const source = `
import { gunzip } from "zlib";
import { track } from "./stubs";

export async function handler(event: { body: string }) {
  gunzip(Buffer.from(event.body, "base64"), (err, plain) => {
    if (err) {
      track("corrupt");
      return;
    }
    track("plain:" + plain.toString());
  });
  return "ok";
}
`;
    const text = settle(source);
    expect(text).toContain("plain = await promisify(gunzip)(Buffer.from(event.body, \"base64\"));");
    const good = { body: zlib.gzipSync("hi").toString("base64") };
    const bad = { body: Buffer.from("not gzip").toString("base64") };
    for (const [event, effect] of [[good, "track:plain:hi"], [bad, "track:corrupt"]] as const) {
      const before = await run(source, event);
      expect(before).toEqual({ status: "ok", result: "ok", effectsAtSettle: [], lateEffects: [effect], unhandledRejections: [] });
      const after = await run(text, event);
      expect(after).toEqual({ status: "ok", result: "ok", effectsAtSettle: [effect], lateEffects: [], unhandledRejections: [] });
    }
  });

  it("child_process.exec: promisify resolves { stdout, stderr } when the error branch does not read the error", async () => {
    const source = `
const { exec } = require("child_process");
const { track } = require("./stubs");

exports.handler = async (event) => {
  exec(event.command, (err, stdout, stderr) => {
    if (err) {
      track("exec-failed");
      return;
    }
    track(stdout.trim() + "|" + stderr.trim());
  });
  return "ran";
};
`;
    const text = settle(source, "handler.js");
    expect(text).toContain("({ stdout, stderr } = await promisify(exec)(event.command));");
    const command = { command: "echo out && echo err 1>&2" };
    const before = await run(source, command, 400, "node24", "handler.js");
    expect(before).toEqual({ status: "ok", result: "ran", effectsAtSettle: [], lateEffects: ["track:out|err"], unhandledRejections: [] });
    const after = await run(text, command, 400, "node24", "handler.js");
    expect(after).toEqual({ status: "ok", result: "ran", effectsAtSettle: ["track:out|err"], lateEffects: [], unhandledRejections: [] });
    const failing = await run(text, { command: "exit 3" }, 400, "node24", "handler.js");
    expect(failing).toEqual({ status: "ok", result: "ran", effectsAtSettle: ["track:exec-failed"], lateEffects: [], unhandledRejections: [] });
  });

  it("a typed API with two results: new Promise resolving a tuple, the method keeps its this, only used results are named", async () => {
    const source = `
import { geo, track } from "./stubs";

export const handler = async (event: { id: string }) => {
  geo.locate(event.id, (err, lat, lng) => {
    if (err) {
      track("unknown place");
      return;
    }
    track(\`lng:\${lng}\`);
  });
  return event.id;
};
`;
    const text = settle(source);
    expect(text).toContain("[, lng] = await new Promise<[unknown, number]>((resolve, reject) => geo.locate(event.id, (err, lat, lng) => (err ? reject(err) : resolve([lat, lng]))));");
    const before = await run(source, { id: "home" });
    expect(before).toEqual({ status: "ok", result: "home", effectsAtSettle: [], lateEffects: ["track:lng:-4"], unhandledRejections: [] });
    const after = await run(text, { id: "home" });
    expect(after).toEqual({ status: "ok", result: "home", effectsAtSettle: ["track:lng:-4"], lateEffects: [], unhandledRejections: [] });
    const nowhere = await run(text, { id: "nowhere" });
    expect(nowhere).toEqual({ status: "ok", result: "nowhere", effectsAtSettle: ["track:unknown place"], lateEffects: [], unhandledRejections: [] });
  });
});

describe("callback-apis with callback-handlers in the same run: the promise wrapper is awaited directly", () => {
  const LEGACY = `
const fs = require("fs");
const zlib = require("zlib");

exports.handler = (event, context, callback) => {
  fs.readFile(event.file, "utf8", (err, text) => {
    if (err) {
      console.error("read failed:", err.code);
      return callback(err);
    }
    if (text.length === 0) return callback(new Error("empty file"));
    zlib.gzip(text, (err, zipped) => {
      if (err) {
        return callback(null, { statusCode: 500 });
      }
      callback(null, { statusCode: 200, size: zipped.length });
    });
  });
};
`;
  // The legacy runtime waits for an empty event loop, so it must see the gzip work as pending.
  const core = (log: ReturnType<typeof createEffectLog>) => ({ zlib: { ...zlib, gzip: tracked(log, zlib.gzip) } });

  it("an error branch that logs before calling back becomes a catch that logs and rethrows; callback(new Error) a throw; nested calls are awaited in turn", async () => {
    const text = settle(LEGACY, "handler.js");
    expect(text).not.toContain("new Promise");
    expect(text).toContain("text = await fs.promises.readFile(event.file, \"utf8\");");
    expect(text).toContain("throw err;");
    expect(text).toContain('if (text.length === 0) throw new Error("empty file");');
    expect(text).toContain("zipped = await promisify(zlib.gzip)(text);");

    const file = path.join(dir, "legacy-gzip.txt");
    fs.writeFileSync(file, "a".repeat(100));
    const empty = path.join(dir, "legacy-empty.txt");
    fs.writeFileSync(empty, "");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const event of [{ file }, { file: empty }, { file: path.join(dir, "legacy-missing.txt") }]) {
        const before = await run(LEGACY, event, 50, "legacy", "handler.js", core);
        const loggedBefore = logged.mock.calls.splice(0);
        const after = await run(text, event, 50, "node24", "handler.js", core);
        expect(after, JSON.stringify(event)).toEqual(before);
        expect(logged.mock.calls.splice(0)).toEqual(loggedBefore);
      }
      const missing = await run(text, { file: path.join(dir, "legacy-missing.txt") }, 50, "node24", "handler.js", core);
      expect(missing).toMatchObject({ status: "error", effectsAtSettle: [], lateEffects: [] });
      expect(missing.error?.message).toMatch(/^ENOENT/);
      expect(logged.mock.calls).toEqual([["read failed:", "ENOENT"]]);
    } finally {
      logged.mockRestore();
    }
    const ok = await run(text, { file }, 50, "node24", "handler.js", core);
    expect(ok.status).toBe("ok");
    expect(ok.result).toEqual({ statusCode: 200, size: zlib.gzipSync("a".repeat(100)).length });
    const emptied = await run(text, { file: empty }, 50, "node24", "handler.js", core);
    expect(emptied).toMatchObject({ status: "error", error: { message: "empty file" } });
  });
});
