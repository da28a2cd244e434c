import path from "node:path";
import { describe, expect, it } from "vitest";
import { readHandlerRefs } from "../../src/handlers/config-refs.js";
import { useTempDirs } from "./temp-dir.js";

const tempDir = useTempDirs();

const SERVERLESS_YML = `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  a:
    handler: src/handlers/x.main
  b:
    handler: src/handlers/x.other
    events:
      - http: { path: /b, method: get }
  c:
    handler: src/handlers/nested/y.run
`;

const SAM_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 3
    Runtime: nodejs20.x
    Environment:
      Variables:
        TABLE: !Ref OrdersTable
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.lambdaHandler
      Role: !GetAtt HelloRole.Arn
      Environment:
        Variables:
          URL: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/"
      Events:
        Hello:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "\${AWS::StackName}-orders"
Outputs:
  HelloWorldFunction:
    Value: !GetAtt HelloWorldFunction.Arn
`;

describe("readHandlerRefs: serverless.yml", () => {
  it("maps each handler: entry to its module and export name", async () => {
    const dir = tempDir({ "package.json": "{}", "serverless.yml": SERVERLESS_YML });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.problems).toEqual([]);
    expect(refs.exportsFor(path.join(dir, "src/handlers/x.ts"))).toEqual(new Set(["main", "other"]));
    expect(refs.exportsFor(path.join(dir, "src/handlers/x.js"))).toEqual(new Set(["main", "other"]));
    expect(refs.exportsFor(path.join(dir, "src/handlers/nested/y.mjs"))).toEqual(new Set(["run"]));
  });

  it("returns undefined for a module no config names", async () => {
    const dir = tempDir({ "package.json": "{}", "serverless.yml": SERVERLESS_YML });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.exportsFor(path.join(dir, "src/handlers/z.ts"))).toBeUndefined();
    expect(refs.exportsFor(path.join(dir, "src/x.ts"))).toBeUndefined();
  });

  it("finds a serverless.yml above a file given as root (up to the package.json)", async () => {
    const dir = tempDir({ "package.json": "{}", "serverless.yml": SERVERLESS_YML, "src/handlers/x.ts": "" });
    const refs = await readHandlerRefs([path.join(dir, "src/handlers/x.ts")], []);
    expect(refs.exportsFor(path.join(dir, "src/handlers/x.ts"))).toEqual(new Set(["main", "other"]));
  });

  it("finds configs in subfolders of a root", async () => {
    const dir = tempDir({
      "package.json": "{}",
      "services/a/serverless.yaml": "functions:\n  f:\n    handler: handler.hello\n",
    });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.exportsFor(path.join(dir, "services/a/handler.js"))).toEqual(new Set(["hello"]));
  });

  it("treats a root folder whose name has a dot as a folder, not as a file", async () => {
    const dir = tempDir({
      "package.json": "{}",
      "svc.v2/serverless.yml": "functions:\n  f:\n    handler: h.main\n",
      "sibling/serverless.yml": "functions:\n  g:\n    handler: s.other\n",
    });
    const refs = await readHandlerRefs([path.join(dir, "svc.v2")], []);
    expect(refs.exportsFor(path.join(dir, "svc.v2/h.ts"))).toEqual(new Set(["main"]));
    // Only the given folder (and its ancestors) are searched, not its siblings.
    expect(refs.exportsFor(path.join(dir, "sibling/s.ts"))).toBeUndefined();
  });

  it("does not read configs matched by the ignore globs", async () => {
    const dir = tempDir({
      "package.json": "{}",
      "vendor/serverless.yml": "functions:\n  f:\n    handler: handler.hello\n",
    });
    const refs = await readHandlerRefs([dir], ["**/vendor/**"]);
    expect(refs.exportsFor(path.join(dir, "vendor/handler.js"))).toBeUndefined();
  });
});

describe("readHandlerRefs: SAM template.yaml", () => {
  it("reads Handler with CodeUri and tolerates !Ref, !GetAtt and !Sub", async () => {
    const dir = tempDir({ "package.json": "{}", "template.yaml": SAM_TEMPLATE });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.problems).toEqual([]);
    expect(refs.exportsFor(path.join(dir, "src/app.mjs"))).toEqual(new Set(["lambdaHandler"]));
    // CodeUri is the base folder: app.lambdaHandler does not refer to <root>/app.
    expect(refs.exportsFor(path.join(dir, "app.mjs"))).toBeUndefined();
  });

  it("falls back to Globals.Function Handler and CodeUri", async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    CodeUri: functions/
    Handler: index.handler
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt Role.Arn
  B:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.main
`;
    const dir = tempDir({ "package.json": "{}", "template.yml": template });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.problems).toEqual([]);
    expect(refs.exportsFor(path.join(dir, "functions/index.js"))).toEqual(new Set(["handler"]));
    expect(refs.exportsFor(path.join(dir, "functions/b.ts"))).toEqual(new Set(["main"]));
  });

  it("ignores resources that are not functions", async () => {
    const template = `Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      Handler: q.notAHandler
`;
    const dir = tempDir({ "package.json": "{}", "template.yaml": template });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.exportsFor(path.join(dir, "q.js"))).toBeUndefined();
  });
});

describe("readHandlerRefs: problems", () => {
  it("reports a broken YAML file in problems instead of throwing", async () => {
    const broken = `functions:\n  a:\n    handler: "src/a.main\n  b: [unclosed\n`;
    const dir = tempDir({ "package.json": "{}", "serverless.yml": broken });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.problems).toHaveLength(1);
    expect(refs.problems[0].file).toBe(path.join(dir, "serverless.yml"));
    expect(refs.problems[0].message).toMatch(/^cannot read handler entries: /);
  });

  it("keeps reading the other configs when one is broken", async () => {
    const dir = tempDir({
      "package.json": "{}",
      "a/serverless.yml": "functions: [\n",
      "b/serverless.yml": "functions:\n  f:\n    handler: h.main\n",
    });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.exportsFor(path.join(dir, "b/h.ts"))).toEqual(new Set(["main"]));
    expect(refs.problems.map((p) => p.file)).toEqual([path.join(dir, "a/serverless.yml")]);
  });

  it("does not throw on an empty or scalar config", async () => {
    const dir = tempDir({ "package.json": "{}", "serverless.yml": "", "x/template.yaml": "just a string\n" });
    const refs = await readHandlerRefs([dir], []);
    expect(refs.problems).toEqual([]);
  });
});
