import path from "node:path";
import { describe, expect, it } from "vitest";
import { readIacRefs } from "../../src/handlers/iac-refs.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

function refsOf(files: Record<string, string>, scan: string[]): string[] {
  const dir = tempDir({ ".git/HEAD": "", ...files });
  return readIacRefs(scan.map((f) => path.join(dir, f))).map((r) => `${path.relative(dir, r.module)}#${r.exportName}`);
}

describe("readIacRefs: AWS CDK", () => {
  it("reads lambda.Function handler + Code.fromAsset (relative to cdk.json), and NodejsFunction entry/handler and its default entry", () => {
    const stack = `import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as path from "path";
new lambda.Function(this, "A", { handler: "index.main", code: lambda.Code.fromAsset("lambda") });
new lambda.Function(this, "B", { handler: "src/api.run", code: lambda.Code.fromAsset(path.join(__dirname, "../services/b")) });
new NodejsFunction(this, "C", { entry: path.join(__dirname, "../functions/c.ts"), handler: "go" });
new NodejsFunction(this, "D", { entry: "functions/d.ts" });
new NodejsFunction(this, "worker");
`;
    expect(refsOf({ "cdk.json": "{}", "lib/stack.ts": stack }, ["lib/stack.ts"])).toEqual([
      "lambda/index#main",
      "services/b/src/api#run",
      "functions/c#go",
      "functions/d#handler",
      "lib/stack.worker#handler",
    ]);
  });

  it("skips paths it cannot know without running the program, and files that are not CDK or SST code", () => {
    const stack = `import * as lambda from "aws-cdk-lib/aws-lambda";
new lambda.Function(this, "A", { handler: "index.main", code: lambda.Code.fromAsset(process.env.DIR) });
new NodejsFunction(this, "B", { entry: entryFor("b") , handler: "x" });
`;
    const plain = `const config = { handler: "src/a.main" };\nnew Function(this, "x", { handler: "index.main", code: Code.fromAsset("x") });\n`;
    expect(refsOf({ "lib/stack.ts": stack, "src/plain.ts": plain }, ["lib/stack.ts", "src/plain.ts"])).toEqual([]);
  });
});

describe("readIacRefs: SST", () => {
  it("reads handler strings and api.route targets relative to the app root (sst.config.ts)", () => {
    const config = `export default $config({
  async run() {
    new sst.aws.Function("A", { handler: "packages/functions/src/a.handler" });
    const api = new sst.aws.ApiGatewayV2("Api");
    api.route("GET /", "packages/functions/src/get.main");
    api.route("POST /", { handler: "packages/functions/src/post.main" });
  },
});
`;
    expect(refsOf({ "sst.config.ts": config }, ["sst.config.ts"])).toEqual([
      "packages/functions/src/a#handler",
      "packages/functions/src/get#main",
      "packages/functions/src/post#main",
    ]);
  });
});
