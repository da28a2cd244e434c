import { Node, SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { answersThroughDone, isAzureContextLog } from "../../src/handlers/azure.js";
import { findEntryPoints } from "../../src/handlers/index.js";
import { createInMemoryProject } from "../../src/project.js";

/** An in-memory app (no node_modules: every parameter is `any`), its files written as given. */
function app(files: Record<string, string>) {
  const p = createInMemoryProject();
  for (const [name, text] of Object.entries(files)) {
    if (/\.[cm]?[jt]s$/.test(name)) p.createSourceFile(name, text);
    else p.getFileSystem().writeFileSync(name, text);
  }
  return p;
}

/** Whether each statement-level call of the file is taken for the runtime's logger (nothing to wait for). */
function loggers(p: ReturnType<typeof app>, file: string): string[] {
  const calls = p.getSourceFileOrThrow(file).getDescendantsOfKind(SyntaxKind.ExpressionStatement).map((s) => s.getExpression()).filter(Node.isCallExpression);
  return calls.map((c) => `${c.getStartLineNumber()} ${c.getExpression().getText()}: ${isAzureContextLog(c)}`);
}

describe("Azure Functions recognition without types", () => {
  it("v4: the InvocationContext's logger and extraOutputs.set, not other calls, and not outside a registered handler", () => {
    const p = app({
      "/package.json": JSON.stringify({ dependencies: { "@azure/functions": "^4.5.0" } }),
      "/src/functions/jobs.js": `
const { app } = require("@azure/functions");
app.storageQueue("jobs", {
  queueName: "jobs",
  handler: (item, context) => {
    context.log("got", item);
    context.warn("slow");
    context.extraOutputs.set(out, item);
    context.send(item);
  },
});
function helper(item, context) {
  context.log("not a handler");
}
`,
    });
    expect(loggers(p, "/src/functions/jobs.js")).toEqual([
      "3 app.storageQueue: false",
      "6 context.log: true",
      "7 context.warn: true",
      "8 context.extraOutputs.set: true",
      "9 context.send: false",
      "13 context.log: false",
    ]);
  });

  it("v3 in a serverless.yml of the Azure provider: the named exports are v3 functions, context.done is no call to wait for", () => {
    const p = app({
      "/package.json": JSON.stringify({ devDependencies: { "serverless-azure-functions": "^2.1.3" } }),
      "/serverless.yml": "provider:\n  name: azure\nfunctions:\n  hello:\n    handler: src/hello.sayHello\n",
      "/src/hello.js": "module.exports.sayHello = function (context, req) { context.log('hi'); context.done(); };\nmodule.exports.other = function (context, req) { context.done(); };\n",
    });
    const file = p.getSourceFileOrThrow("/src/hello.js");
    const found = findEntryPoints(file);
    expect(found.map((e) => `${e.platform} ${e.azureModel} ${e.exportName}`)).toEqual(["azure v3 sayHello"]);
    expect(answersThroughDone(found[0])).toBe(true);
    expect(loggers(p, "/src/hello.js")).toEqual(["1 context.log: true", "1 context.done: true", "2 context.done: false"]);
  });

  it("a serverless.yml of another provider names Lambda handlers, not Azure functions", () => {
    const p = app({
      "/package.json": JSON.stringify({ devDependencies: { serverless: "^3.38.0" } }),
      "/serverless.yml": "provider:\n  name: aws\nfunctions:\n  hello:\n    handler: src/hello.sayHello\n",
      "/src/hello.js": "module.exports.sayHello = function (context, req) { context.done(); };\n",
    });
    expect(findEntryPoints(p.getSourceFileOrThrow("/src/hello.js")).filter((e) => e.platform === "azure")).toEqual([]);
  });
});
