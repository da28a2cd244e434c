/**
 * An override a library calls during the invocation (library-overrides.ts), under the freeze-at-settle
 * harness (DESIGN.md 6): a stand-in of @aws-lambda-powertools/batch's BatchProcessor awaits
 * processRecord() for every record, as the real one does. Before: the work the override floats
 * lands after the invocation ended. After (`async processRecord` with `await`): it lands inside
 * the invocation, before the batch response, which stays the same.
 */
import { describe, expect, it } from "vitest";
import { createEffectLog, invoke, makeStubs, type EffectLog, type InvocationOutcome } from "../harness/freeze.js";
import { settleTwice } from "../helpers/settle-twice.js";

const STUBS_DTS = `export declare function track(name: string): Promise<void>;\n`;

/** The declarations the rewrite sees, with the package's signatures. */
const POWERTOOLS_DTS = `
declare module "@aws-lambda-powertools/batch" {
  export type BaseRecord = { [key: string]: unknown };
  export type SuccessResponse = ["success", unknown, BaseRecord];
  export type FailureResponse = ["fail", string, BaseRecord];
  export class BatchProcessor {
    constructor(eventType: "SQS" | "KinesisDataStreams" | "DynamoDBStreams");
    clean(): void;
    processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse>;
  }
  export function processPartialResponse(
    event: { Records: BaseRecord[] },
    recordHandler: (record: never) => unknown,
    processor: BatchProcessor,
  ): Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
}
`;

/** The library at runtime: process() awaits processRecord() per record, then clean(). */
function makePowertools(log: EffectLog) {
  class BatchProcessor {
    handler: (record: unknown) => unknown = () => undefined;
    constructor(readonly eventType: string) {}
    clean(): void {}
    async processRecord(record: { messageId: string }): Promise<unknown[]> {
      try {
        return ["success", await this.handler(record), record];
      } catch (error) {
        return ["fail", String(error), record];
      }
    }
  }
  return {
    BatchProcessor,
    async processPartialResponse(event: { Records: { messageId: string }[] }, handler: (r: unknown) => unknown, processor: BatchProcessor) {
      processor.handler = handler;
      const results = [];
      for (const record of event.Records) results.push(await processor.processRecord(record));
      processor.clean();
      log.record("batch-response");
      return { batchItemFailures: results.filter((r) => r[0] === "fail").map((r) => ({ itemIdentifier: (r[2] as { messageId: string }).messageId })) };
    },
  };
}

async function run(code: string, event: unknown): Promise<InvocationOutcome> {
  const log = createEffectLog();
  const modules = { "./stubs": makeStubs(log), "@aws-lambda-powertools/batch": makePowertools(log) };
  return invoke({ code, fileName: "src/handler.ts", event, runtime: "node24", modules });
}

describe("library overrides at runtime: the work an override floats lands inside the invocation", () => {
  const source = `
import { BatchProcessor, processPartialResponse, type BaseRecord, type FailureResponse, type SuccessResponse } from "@aws-lambda-powertools/batch";
import { track } from "./stubs";

class AuditedProcessor extends BatchProcessor {
  processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse> {
    track(\`audit:\${String(record.messageId)}\`);
    return super.processRecord(record);
  }
}

const processor = new AuditedProcessor("SQS");

export const handler = async (event: { Records: BaseRecord[] }) =>
  processPartialResponse(event, async (record: { messageId: string }) => record.messageId, processor);
`;

  it("processRecord(): before, the audit lands after settle; after (async + await), before the batch response", async () => {
    const event = { Records: [{ messageId: "m-1" }, { messageId: "m-2" }] };
    const before = await run(source, event);
    expect(before).toEqual({
      status: "ok", result: { batchItemFailures: [] },
      effectsAtSettle: ["batch-response"], lateEffects: ["track:audit:m-1", "track:audit:m-2"], unhandledRejections: [],
    });

    const rewritten = settleTwice("src/handler.ts", source, { context: { "src/stubs.ts": STUBS_DTS, "src/powertools.d.ts": POWERTOOLS_DTS } });
    expect(rewritten).toContain("  async processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse> {\n    await track(");
    const after = await run(rewritten, event);
    expect(after).toEqual({
      status: "ok", result: { batchItemFailures: [] },
      effectsAtSettle: ["track:audit:m-1", "track:audit:m-2", "batch-response"], lateEffects: [], unhandledRejections: [],
    });
  });
});
