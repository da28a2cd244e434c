import { describe, expect, it } from "vitest";
import { Node, type SourceFile } from "ts-morph";
import { createInMemoryProject } from "../../src/project.js";
import { findLambdaHandlers, isTestCaller } from "../../src/handlers/lambda.js";
import type { EntryNote } from "../../src/handlers/entry-point.js";

// One project for the whole file (creating one costs ~250 ms); each file gets its own folder.
const project = createInMemoryProject();
let counter = 0;

function sourceFile(name: string, text: string): SourceFile {
  return project.createSourceFile(`/p${counter++}/${name}`, text);
}

/** The observable outcome: which exports are entry points, and why. */
function found(name: string, text: string, configured?: Set<string>) {
  return findLambdaHandlers(sourceFile(name, text), configured).map(({ exportName, evidence, wrapped }) => ({
    exportName,
    evidence,
    wrapped,
  }));
}

const entry = (exportName: string, evidence: "config" | "type" | "convention", wrapped = false) => ({
  exportName,
  evidence,
  wrapped,
});

describe("findLambdaHandlers: CommonJS exports", () => {
  it("recognises exports.handler = async (event) => {}", () => {
    expect(found("handler.js", `exports.handler = async (event) => {};\n`)).toEqual([entry("handler", "convention")]);
  });

  it("recognises module.exports.hello named by a serverless config", () => {
    const text = `module.exports.hello = async (input) => { return { statusCode: 200 }; };\n`;
    expect(found("handler.js", text, new Set(["hello"]))).toEqual([entry("hello", "config")]);
  });

  it("does not treat an unconventional export as a handler without a config", () => {
    const text = `module.exports.hello = async (input) => { return { statusCode: 200 }; };\n`;
    expect(found("handler.js", text)).toEqual([]);
  });

  it("resolves module.exports = { a, b: fn, c() {} } to the functions it names", () => {
    const file = sourceFile(
      "handlers.js",
      [
        `async function a(event) {}`,
        `const fn = async (event) => {};`,
        `module.exports = { a, b: fn, c(event) {} };`,
        ``,
      ].join("\n"),
    );
    const entries = findLambdaHandlers(file, new Set(["a", "b", "c"]));
    expect(entries.map((e) => [e.exportName, e.evidence, e.wrapped])).toEqual([
      ["a", "config", false],
      ["b", "config", false],
      ["c", "config", false],
    ]);
    // Shorthand and identifier values resolve to the local functions, not to the identifiers.
    expect(entries[0].fn).toBe(file.getFunctionOrThrow("a"));
    expect(entries[1].fn).toBe(file.getVariableDeclarationOrThrow("fn").getInitializerOrThrow());
    expect(Node.isMethodDeclaration(entries[2].fn)).toBe(true);
    expect(entries[2].fn.getText()).toBe("c(event) {}");
  });

  it("finds module.exports = { ... } members by convention when no config is given", () => {
    const text = [
      `async function a(event) {}`,
      `function util(x) {}`,
      `module.exports = { a, util, handler: async (input) => {}, other: async () => {} };`,
      ``,
    ].join("\n");
    expect(found("handlers.js", text)).toEqual([entry("a", "convention"), entry("handler", "convention")]);
  });
});

describe("findLambdaHandlers: ESM exports", () => {
  it("recognises export async function handler", () => {
    expect(found("handler.mjs", `export async function handler(event) { return 1; }\n`)).toEqual([
      entry("handler", "convention"),
    ]);
  });

  it("recognises export const handler = async arrow", () => {
    expect(found("handler.ts", `export const handler = async (event: unknown) => {};\n`)).toEqual([
      entry("handler", "convention"),
    ]);
  });

  it("recognises export const handler: Handler typed from aws-lambda as evidence 'type'", () => {
    const text = [
      `import type { Handler } from "aws-lambda";`,
      `export const handler: Handler = async (event) => {};`,
      ``,
    ].join("\n");
    expect(found("handler.ts", text)).toEqual([entry("handler", "type")]);
  });

  it("uses aws-lambda parameter types as evidence for an otherwise unconventional export", () => {
    const text = [
      `import type { SQSEvent, Context } from "aws-lambda";`,
      `export async function consume(records: SQSEvent, c: Context) {}`,
      ``,
    ].join("\n");
    expect(found("consumer.ts", text)).toEqual([entry("consume", "type")]);
  });

  it("uses aliased and namespace aws-lambda imports", () => {
    const text = [
      `import type { APIGatewayProxyHandler as H } from "aws-lambda";`,
      `import type * as lambda from "aws-lambda";`,
      `export const first: H = async (e) => ({ statusCode: 200, body: "" });`,
      `export async function second(e: lambda.S3Event) {}`,
      ``,
    ].join("\n");
    expect(found("api.ts", text)).toEqual([entry("first", "type"), entry("second", "type")]);
  });

  it("does not count a same-named type from another module as aws-lambda evidence", () => {
    const text = [`import type { Handler } from "./my-types";`, `export const run: Handler = async (x) => {};`, ``].join(
      "\n",
    );
    expect(found("run.ts", text)).toEqual([]);
  });

  it("recognises export default async (event) => {}", () => {
    expect(found("index.mjs", `export default async (event) => {};\n`)).toEqual([entry("default", "convention")]);
  });

  it("recognises export default async function (event, context)", () => {
    expect(found("index.mjs", `export default async function (e, context) {}\n`)).toEqual([
      entry("default", "convention"),
    ]);
  });

  it("recognises export { main } and export { x as handler }", () => {
    const text = [
      `async function main(event) {}`,
      `const x = async (input) => {};`,
      `export { main, x as handler };`,
      ``,
    ].join("\n");
    expect(found("index.js", text)).toEqual([entry("main", "convention"), entry("handler", "convention")]);
  });

  it("takes the type of a local const exported through export { ... }", () => {
    const text = [
      `import type { Handler } from "aws-lambda";`,
      `const process: Handler = async (x) => {};`,
      `export { process };`,
      ``,
    ].join("\n");
    expect(found("index.ts", text)).toEqual([entry("process", "type")]);
  });

  it("reports one entry point for a function exported under two names", () => {
    const text = [`export async function handler(event) {}`, `export { handler as alias };`, ``].join("\n");
    expect(found("index.js", text)).toEqual([entry("handler", "convention")]);
  });
});

describe("findLambdaHandlers: wrapped handlers", () => {
  it("recognises export const handler = middy(async (event) => {...}).use(x) as wrapped", () => {
    const text = [
      `import middy from "@middy/core";`,
      `import jsonBodyParser from "@middy/http-json-body-parser";`,
      `export const handler = middy(async (event) => { return { statusCode: 200 }; }).use(jsonBodyParser());`,
      ``,
    ].join("\n");
    expect(found("handler.js", text)).toEqual([entry("handler", "convention", true)]);
  });

  it("recognises a wrapped handler whose inner function is typed with aws-lambda types", () => {
    const text = [
      `import middy from "@middy/core";`,
      `import type { SQSEvent } from "aws-lambda";`,
      `export const handler = middy(async (event: SQSEvent) => {}).use(a()).use(b());`,
      ``,
    ].join("\n");
    expect(found("handler.ts", text)).toEqual([entry("handler", "type", true)]);
  });

  it("recognises a wrapped handler named by a config", () => {
    const text = `module.exports.hello = middy(async (input) => {}).use(x);\n`;
    const entries = findLambdaHandlers(sourceFile("handler.js", text), new Set(["hello"]));
    expect(entries.map((e) => [e.exportName, e.evidence, e.wrapped])).toEqual([["hello", "config", true]]);
    expect(entries[0].fn.getText()).toBe("async (input) => {}");
  });
});

describe("findLambdaHandlers: JSDoc types", () => {
  it("recognises /** @type {import('aws-lambda').Handler} */ on an exported const", () => {
    const text = [`/** @type {import('aws-lambda').Handler} */`, `export const process = async (e) => {};`, ``].join(
      "\n",
    );
    expect(found("process.js", text)).toEqual([entry("process", "type")]);
  });

  it("recognises /** @type {import('aws-lambda').Handler} */ on exports.x =", () => {
    const text = [`/** @type {import("aws-lambda").Handler} */`, `exports.process = async (e) => {};`, ``].join("\n");
    expect(found("process.js", text)).toEqual([entry("process", "type")]);
  });

  it("recognises a JSDoc @param typed with aws-lambda on an exported function", () => {
    const text = [
      `/** @param {import('aws-lambda').SQSEvent} records */`,
      `export async function consume(records) {}`,
      ``,
    ].join("\n");
    expect(found("consume.js", text)).toEqual([entry("consume", "type")]);
  });
});

describe("findLambdaHandlers: rejections", () => {
  it("rejects Express-style (req, res, next) even when named handler", () => {
    expect(found("routes.js", `export const handler = (req, res, next) => { next(); };\n`)).toEqual([]);
  });

  it("rejects Express error middleware (err, req, res, next)", () => {
    expect(found("routes.js", `export function handler(err, req, res, next) {}\n`)).toEqual([]);
  });

  it("rejects (request, reply) and (_req, _res)", () => {
    const text = [
      `export async function handler(request, reply) {}`,
      `export const errorHandler = (_req, _res) => {};`,
      ``,
    ].join("\n");
    expect(found("routes.js", text)).toEqual([]);
  });

  it("rejects Express-style functions even when a config names them", () => {
    expect(found("app.js", `exports.app = (req, res) => {};\n`, new Set(["app"]))).toEqual([]);
  });

  it("rejects non-exported functions", () => {
    const text = [`async function handler(event, context) {}`, `const other = async (event) => {};`, ``].join("\n");
    expect(found("handler.js", text)).toEqual([]);
  });

  it.each(["handler.test.ts", "handler.spec.js", "__tests__/handler.ts", "handler.test.mts"])(
    "rejects exports in test file %s",
    (name) => {
      expect(found(name, `export const handler = async (event) => {};\n`)).toEqual([]);
    },
  );

  it("rejects exports not listed in a given config set", () => {
    const text = [`export const handler = async (event) => {};`, `export async function hello(event) {}`, ``].join("\n");
    expect(found("handler.ts", text, new Set(["hello"]))).toEqual([entry("hello", "config")]);
  });

  it("still accepts a typed export not listed in a given config set", () => {
    const text = [
      `import type { Handler } from "aws-lambda";`,
      `export const other: Handler = async (event) => {};`,
      `export const plain = async (event) => {};`,
      ``,
    ].join("\n");
    expect(found("handler.ts", text, new Set(["hello"]))).toEqual([entry("other", "type")]);
  });

  it("rejects plain utilities such as export function formatDate(d)", () => {
    const text = [
      `export function formatDate(d) { return d.toISOString(); }`,
      `export const sum = (a, b) => a + b;`,
      `export const VERSION = "1";`,
      `export default class Service {}`,
      ``,
    ].join("\n");
    expect(found("utils.js", text)).toEqual([]);
  });

  it("rejects overload signatures and declarations without a body", () => {
    const text = [`export declare function handler(event: unknown): Promise<void>;`, ``].join("\n");
    expect(found("types.ts", text)).toEqual([]);
  });
});

describe("findLambdaHandlers: a name alone never makes an entry point", () => {
  function declined(name: string, text: string, configured?: Set<string>) {
    const notes: EntryNote[] = [];
    const entries = findLambdaHandlers(sourceFile(name, text), configured, notes);
    return { entries: entries.map((e) => e.exportName), notes: notes.map((n) => [n.kind, n.exportName, n.reason]) };
  }

  it("declines a factory without parameters (useNodeHandler)", () => {
    const text = `export const useNodeHandler = (): RuntimeHandler => ({ startWorker: async (input) => { go(input); } });\n`;
    expect(declined("cli.ts", text)).toEqual({
      entries: [],
      notes: [["declined", "useNodeHandler", "named like a hook (use…), not a handler"]],
    });
  });

  it("declines handler-named functions with no parameters, too many, or a non-handler return type", () => {
    const text = [
      `export const handler = async () => {};`,
      `export function fooHandler(a, b, c, d, e) {}`,
      `export function nameHandler(name: string): string { return name; }`,
      ``,
    ].join("\n");
    expect(declined("h.ts", text)).toEqual({
      entries: [],
      notes: [
        ["declined", "handler", "takes no parameters (a Lambda handler receives the event)"],
        ["declined", "fooHandler", "takes 5 parameters (a Lambda handler takes at most event, context and callback)"],
        ["declined", "nameHandler", "declares return type string, not a promise, void or a response"],
      ],
    });
  });

  it("declines factories returning a function, constructors and Koa middleware", () => {
    const text = [
      `export const makeHandler = (deps) => async (event) => deps.run(event);`,
      `export function LegacyHandler(name) { this.name = name; }`,
      `export const errorHandler = async (ctx, next) => { await next(); };`,
      ``,
    ].join("\n");
    expect(declined("h.js", text).notes.map((n) => n[2])).toEqual([
      "returns a function (a factory: what it returns would be the handler, not itself)",
      "uses `this` (a constructor or method), not a handler",
      "is web middleware (ctx, next), not a Lambda handler",
    ]);
  });

  it("declines Express error middleware with a note", () => {
    expect(declined("m.js", `export function errorHandler(err, req, res, next) {}\n`).notes).toEqual([
      ["declined", "errorHandler", "takes 4 parameters (a Lambda handler takes at most event, context and callback)"],
    ]);
  });

  it("still takes handler-named functions of a handler's shape, and typed or configured ones without parameters", () => {
    const text = [
      `import type { ScheduledHandler } from "aws-lambda";`,
      `export const handler = async (event): Promise<{ statusCode: number }> => ({ statusCode: 200 });`,
      `export const cron: ScheduledHandler = async () => {};`,
      `export const tick = async () => {};`,
      ``,
    ].join("\n");
    expect(declined("h.ts", text).entries).toEqual(["handler", "cron"]);
    expect(declined("t.ts", `export const tick = async () => {};\n`, new Set(["tick"])).entries).toEqual(["tick"]);
  });

  it("says why an export is not taken when a config names other exports", () => {
    expect(declined("h.ts", `export const handler = async (event) => {};\n`, new Set(["main"])).notes).toEqual([
      ["declined", "handler", "a deployment config names this module's handlers, and not this export"],
    ]);
  });
});

describe("findLambdaHandlers: class-based handlers", () => {
  it("finds the method behind instance.handler.bind(instance), new C().handler and a static method", () => {
    const text = [
      `class Lambda { async handler(event, context) {} }`,
      `class Worker { async handle(event) {} }`,
      `class Cron { static async run(event) {} }`,
      `const instance = new Lambda();`,
      `export const handler = instance.handler.bind(instance);`,
      `export const workHandler = new Worker().handle;`,
      `export const cronHandler = Cron.run;`,
      ``,
    ].join("\n");
    const entries = findLambdaHandlers(sourceFile("h.js", text), undefined);
    expect(entries.map((e) => [e.exportName, e.evidence, e.fn.getText().split(" {")[0]])).toEqual([
      ["handler", "convention", "async handler(event, context)"],
      ["workHandler", "convention", "async handle(event)"],
      ["cronHandler", "convention", "static async run(event)"],
    ]);
  });

  it("takes `implements LambdaInterface` as evidence, whatever the export's name", () => {
    const text = [
      `import type { LambdaInterface } from "@aws-lambda-powertools/commons/types";`,
      `class Fn implements LambdaInterface { public async handler(input: unknown): Promise<void> {} }`,
      `const fn = new Fn();`,
      `export const main = fn.handler.bind(fn);`,
      ``,
    ].join("\n");
    expect(found("h.ts", text)).toEqual([entry("main", "type")]);
  });

  it("finds an inherited method of a class of the file; ignores classes it cannot see", () => {
    const text = [
      `import { Imported } from "./lib";`,
      `class Base { async process(event) {} }`,
      `class Consumer extends Base {}`,
      `const c = new Consumer();`,
      `export const handler = c.process.bind(c);`,
      `export const otherHandler = new Imported().handler;`,
      ``,
    ].join("\n");
    expect(found("h.js", text)).toEqual([entry("handler", "convention")]);
  });
});

describe("findLambdaHandlers: wrapped handlers, known and unknown", () => {
  function withNotes(name: string, text: string) {
    const notes: EntryNote[] = [];
    const entries = findLambdaHandlers(sourceFile(name, text), undefined, notes);
    return { entries: entries.map((e) => [e.exportName, e.wrapped, e.fn.getText().split("\n")[0]]), notes: notes.map((n) => [n.kind, n.exportName, n.reason]) };
  }

  it("follows middy(base) by name and middy().use(x).handler(fn), with no note", () => {
    const text = [
      `import middy from "@middy/core";`,
      `const base = async (event) => {};`,
      `export const handler = middy(base).use(x());`,
      `export const other = middy().use(x()).handler(async (event) => {});`,
      ``,
    ].join("\n");
    expect(withNotes("h.js", text)).toEqual({
      entries: [["handler", true, "async (event) => {}"], ["other", true, "async (event) => {}"]],
      notes: [],
    });
  });

  it("follows what a project factory returns, from this file or an imported one", () => {
    sourceFile("factory.ts", `export function makeHandler(deps) { return async (event) => deps.run(event); }\n`);
    const text = [`import { makeHandler } from "./factory";`, `export const handler = makeHandler({});`, ``].join("\n");
    const dir = `/p${counter}`;
    const notes: EntryNote[] = [];
    const file = project.createSourceFile(`${dir.replace(/\d+$/, String(counter - 1))}/handler.ts`, text);
    const entries = findLambdaHandlers(file, undefined, notes);
    expect(entries.map((e) => [e.exportName, e.fn.getSourceFile().getBaseName(), e.fn.getText()])).toEqual([
      ["handler", "factory.ts", "async (event) => deps.run(event)"],
    ]);
    expect(notes.map((n) => n.reason)).toEqual(["followed into the function makeHandler(…) returns (a project function that makes the handler)"]);
  });

  it("follows an unknown wrapper whose argument has a handler's shape, and says so; declines one whose argument has not", () => {
    const text = [
      `const { instrument } = require("some-apm");`,
      `exports.handler = instrument(async (event, context) => {});`,
      `exports.initHandler = once(() => {});`,
      ``,
    ].join("\n");
    expect(withNotes("h.js", text)).toEqual({
      entries: [["handler", true, "async (event, context) => {}"]],
      notes: [
        ["followed", "handler", "followed into the function handed to instrument(fn), a wrapper settle does not know (the argument has a handler's shape)"],
        ["declined", "initHandler", "takes no parameters (a Lambda handler receives the event)"],
      ],
    });
  });
});

describe("isTestCaller: files whose calls of a handler only try it out", () => {
  const handler = "/work/app/src/weather/index.js";
  it("counts test files, test folders and local runner scripts below the folder the two share", () => {
    expect(isTestCaller("/work/app/src/weather/index.test.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/test.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/testflow.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/test-local.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/tests/weather.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/test/run.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/Tests/Run.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/weather/runLocal.js", handler)).toBe(true);
    expect(isTestCaller("/work/app/src/invoke-local.js", handler)).toBe(true);
  });
  it("does not count other scripts, nor a test folder above both files or holding both", () => {
    expect(isTestCaller("/work/app/src/weather/testimonials.js", handler)).toBe(false);
    expect(isTestCaller("/work/app/src/cron.js", handler)).toBe(false);
    expect(isTestCaller("/work/app/src/latest/run.js", handler)).toBe(false);
    expect(isTestCaller("/work/app/src/locale.js", handler)).toBe(false);
    // A script that runs more than a handler locally (a helper's call) stays a caller.
    expect(isTestCaller("/work/app/src/run-locally.js", handler)).toBe(false);
    expect(isTestCaller("/home/me/test/app/cron.js", "/home/me/test/app/index.js")).toBe(false);
    expect(isTestCaller("/work/app/test/cron.js", "/work/app/test/index.js")).toBe(false);
  });
});
