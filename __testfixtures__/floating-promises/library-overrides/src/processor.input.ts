import { BatchProcessor, EventType, type BaseRecord, type FailureResponse, type SuccessResponse } from "@aws-lambda-powertools/batch";
import { audit, flushMetrics } from "./telemetry";

/** Audits every record; the library calls these methods while processPartialResponse runs. */
export class AuditedProcessor extends BatchProcessor {
  constructor() {
    super(EventType.SQS);
  }

  processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse> {
    audit("record");
    return super.processRecord(record);
  }

  failureHandler(record: BaseRecord, error: Error): FailureResponse {
    audit(`failed: ${error.message}`);
    return super.failureHandler(record, error);
  }

  clean(): void {
    flushMetrics();
    super.clean();
  }

  describe(): string {
    audit("describe");
    return "audited";
  }
}

/** Never handed to a handler: its methods are not in any invocation. */
export class ReplayProcessor extends BatchProcessor {
  async processRecord(record: BaseRecord): Promise<SuccessResponse | FailureResponse> {
    audit("replay");
    return super.processRecord(record);
  }
}
