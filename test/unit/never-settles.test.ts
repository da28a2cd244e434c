import { Node, SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { createInMemoryProject } from "../../src/project.js";
import { NEVER_SETTLES, whyNeverSettles } from "../../src/never-settles.js";
import { streamHelperOf } from "../../src/feeds-response.js";

const project = createInMemoryProject();
let counter = 0;

/** The first `new Promise(...)` statement in `handler`'s body. */
function promiseIn(body: string): Node {
  const file = project.createSourceFile(`/n${counter++}/h.ts`, `let release: () => void = () => {};\nexport async function handler(res: import("node:http").ServerResponse) {\n${body}\n}\n`);
  const statement = file.getFunctionOrThrow("handler").getStatements().find((s) => s.getText().includes("new Promise"));
  if (!statement) throw new Error("no promise statement");
  return Node.isExpressionStatement(statement) ? statement.getExpression() : statement;
}

describe("whyNeverSettles", () => {
  it("an executor that ignores resolve and reject never settles", () => {
    expect(whyNeverSettles(promiseIn("new Promise(async () => { await Promise.resolve(); });"))).toBe(NEVER_SETTLES);
  });
  it("resolve handed to an event of the response that is not ended yet: would hang", () => {
    expect(whyNeverSettles(promiseIn('new Promise((r) => res.on("finish", r));'))).toMatch(/^awaiting it would hang: it settles only on `res` emitting "finish"/);
    expect(whyNeverSettles(promiseIn('new Promise<void>((r) => { res.once("close", () => r()); });'))).toMatch(/`res` emitting "close"/);
  });
  it("the response ended first: null (awaiting it is fine)", () => {
    expect(whyNeverSettles(promiseIn('res.end("x");\nnew Promise((r) => res.on("finish", r));'))).toBeNull();
  });
  it("an end() inside a nested function does not count as ended first", () => {
    expect(whyNeverSettles(promiseIn('const done = () => res.end();\nnew Promise((r) => res.on("finish", r));'))).toMatch(/^awaiting it would hang/);
  });
  it("resolve kept for other code (a lock): could hang, naming the keeper", () => {
    expect(whyNeverSettles(promiseIn("new Promise<void>((resolve) => { release = resolve; });"))).toMatch(/through `release` kept for later/);
    expect(whyNeverSettles(promiseIn("const q: (() => void)[] = [];\nconst p = new Promise<void>((resolve) => q.push(resolve));"))).toMatch(/through `q` kept for later/);
  });
  it("resolve called, or handed to a timer or another emitter: can settle", () => {
    expect(whyNeverSettles(promiseIn("new Promise((r) => setTimeout(r, 5));"))).toBeUndefined();
    expect(whyNeverSettles(promiseIn("new Promise((r) => { r(1); });"))).toBeUndefined();
    expect(whyNeverSettles(promiseIn('const e = new (require("events").EventEmitter)();\nnew Promise((r) => e.once("done", r));'))).toBeUndefined();
  });
});

describe("streamHelperOf", () => {
  const fnIn = (text: string) => project.createSourceFile(`/s${counter++}/h.ts`, text).getDescendantsOfKind(SyntaxKind.ArrowFunction).at(-1)!;
  it("names Hono's stream helpers (the second argument) and the AI SDK's execute", () => {
    expect(streamHelperOf(fnIn("declare const stream: any, c: any;\nstream(c, async (s) => {});"))).toBe("stream");
    expect(streamHelperOf(fnIn("declare const createUIMessageStream: any;\ncreateUIMessageStream({ execute: ({ writer }) => {} });"))).toBe("createUIMessageStream");
  });
  it("not other callbacks of those helpers (onFinish), nor other calls", () => {
    expect(streamHelperOf(fnIn("declare const createUIMessageStream: any;\ncreateUIMessageStream({ onFinish: () => {} });"))).toBeUndefined();
    expect(streamHelperOf(fnIn("declare const stream: any;\nstream(async (s) => {});"))).toBeUndefined();
  });
});
