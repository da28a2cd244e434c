// What these fixtures use of @aws-lambda-powertools/batch 2.x, with its signatures
// (lib/esm/BasePartialProcessor.d.ts, BasePartialBatchProcessor.d.ts, BatchProcessor.d.ts).
import type { Context, DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";
export type BaseRecord = { [key: string]: unknown } | SQSRecord | KinesisStreamRecord | DynamoDBRecord;
export type SuccessResponse = ["success", unknown, BaseRecord];
export type FailureResponse = ["fail", string, BaseRecord];
export type PartialItemFailureResponse = { batchItemFailures: { itemIdentifier: string }[] };
export declare const EventType: { readonly SQS: "SQS"; readonly KinesisDataStreams: "KinesisDataStreams"; readonly DynamoDBStreams: "DynamoDBStreams" };
export declare abstract class BasePartialProcessor {
  clean(): void;
  prepare(): void;
  process(): Promise<(SuccessResponse | FailureResponse)[]>;
  abstract processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse>;
  abstract processRecordSync(record: BaseRecord): SuccessResponse | FailureResponse;
  successHandler(record: BaseRecord, result: unknown): SuccessResponse;
  failureHandler(record: BaseRecord, error: Error): FailureResponse;
}
export declare abstract class BasePartialBatchProcessor extends BasePartialProcessor {
  constructor(eventType: keyof typeof EventType);
  clean(): void;
  prepare(): void;
  response(): PartialItemFailureResponse;
}
export declare class BatchProcessor extends BasePartialBatchProcessor {
  processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse>;
  processRecordSync(record: BaseRecord): SuccessResponse | FailureResponse;
}
export declare function processPartialResponse(
  event: { Records: BaseRecord[] },
  recordHandler: (record: never) => unknown,
  processor: BasePartialBatchProcessor,
  options?: { context?: Context },
): Promise<PartialItemFailureResponse>;
