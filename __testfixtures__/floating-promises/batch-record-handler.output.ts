// Powertools batch processing: the record handler runs inside the invocation through
// processPartialResponse; the processor awaits what it returns.
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";

const processor = new BatchProcessor(EventType.SQS);

async function store(body: string): Promise<void> {}

const recordHandler = async (record: SQSRecord): Promise<void> => {
  await store(record.body);
};

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context });
