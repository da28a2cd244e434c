import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findEntryPoints } from "../../src/handlers/index.js";
import { SYNC_OVERRIDE } from "../../src/handlers/library-overrides.js";
import { createInMemoryProject } from "../../src/project.js";

const CASE = path.resolve(import.meta.dirname, "../../__testfixtures__/floating-promises/library-overrides");
const POWERTOOLS = readFileSync(path.join(CASE, "types/powertools-batch.d.ts"), "utf8");

function overrides(files: Record<string, string>, file = "/src/handler.ts") {
  const p = createInMemoryProject({ paths: { "@aws-lambda-powertools/batch": ["/types/powertools-batch.d.ts"] } });
  p.createSourceFile("/types/powertools-batch.d.ts", POWERTOOLS);
  p.createSourceFile("/types/aws-lambda.d.ts", "declare module \"aws-lambda\" { export type Context = {}; export type SQSEvent = { Records: SQSRecord[] }; export type SQSRecord = { body: string }; export type KinesisStreamRecord = {}; export type DynamoDBRecord = {} }");
  for (const [name, text] of Object.entries(files)) p.createSourceFile(name, text);
  return findEntryPoints(p.getSourceFileOrThrow(file))
    .filter((e) => e.libraryOverride)
    .map((e) => `${e.exportName}${e.held === SYNC_OVERRIDE ? " (held)" : ""}`);
}

const PROCESSOR = `
import { BatchProcessor, type BaseRecord, type FailureResponse, type SuccessResponse } from "@aws-lambda-powertools/batch";
export class P extends BatchProcessor {
  async processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse> { return super.processRecord(record); }
  clean(): void {}
  own(): void {}
  static make() { return new P("SQS"); }
}
`;

describe("library overrides: methods of library subclasses a handler hands to a call", () => {
  it("an instance at the top of the file, imported class: overrides of promise-returning methods, and held ones", () => {
    const handler = `
import { processPartialResponse } from "@aws-lambda-powertools/batch";
import { P } from "./processor";
const processor = new P("SQS");
export const handler = async (event: { Records: [] }) => processPartialResponse(event, async () => {}, processor);
`;
    expect(overrides({ "/src/processor.ts": PROCESSOR, "/src/handler.ts": handler })).toEqual(["P.processRecord", "P.clean (held)"]);
  });

  it("an instance made in the call or in the handler", () => {
    const inline = `import { processPartialResponse } from "@aws-lambda-powertools/batch";\nimport { P } from "./processor";\nexport const handler = async (event: { Records: [] }) => processPartialResponse(event, async () => {}, new P("SQS"));\n`;
    const local = `import { processPartialResponse } from "@aws-lambda-powertools/batch";\nimport { P } from "./processor";\nexport async function handler(event: { Records: [] }) {\n  const p = new P("SQS");\n  return processPartialResponse(event, async () => {}, p);\n}\n`;
    expect(overrides({ "/src/processor.ts": PROCESSOR, "/src/handler.ts": inline })).toEqual(["P.processRecord", "P.clean (held)"]);
    expect(overrides({ "/src/processor.ts": PROCESSOR, "/src/handler.ts": local })).toEqual(["P.processRecord", "P.clean (held)"]);
  });

  it("none: an instance not handed to a call, a class extending a project class, no handler", () => {
    const unused = `import { P } from "./processor";\nconst processor = new P("SQS");\nexport const handler = async (event: { Records: [] }) => { return processor ? 1 : 0; };\n`;
    const local = `class Base { run(): Promise<void> { return Promise.resolve(); } }\nclass Sub extends Base { run(): Promise<void> { return Promise.resolve(); } }\nexport const handler = async (event: { Records: [] }) => { await take(new Sub()); };\nasync function take(x: Base) { await x.run(); }\n`;
    expect(overrides({ "/src/processor.ts": PROCESSOR, "/src/handler.ts": unused })).toEqual([]);
    expect(overrides({ "/src/handler.ts": local })).toEqual([]);
  });
});
