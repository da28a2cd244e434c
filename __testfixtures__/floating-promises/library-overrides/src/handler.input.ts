import { processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { AuditedProcessor } from "./processor";
import { audit } from "./telemetry";

const processor = new AuditedProcessor();

const recordHandler = async (record: SQSRecord): Promise<void> => {
  await audit(record.body);
};

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, recordHandler, processor, { context });
