// The sendResponse idiom in TypeScript, with aws-lambda's CloudFormation types: converted.
import * as https from "https";
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse, Context } from "aws-lambda";

export const handler = async (event: CloudFormationCustomResourceEvent, context: Context): Promise<unknown> => {
  return new Promise((resolve, reject) => {
    if (event.RequestType === "Delete") {
      sendResponse(event, legacyContext(context, resolve, reject), "SUCCESS", event.PhysicalResourceId);
      return;
    }
    sendResponse(event, legacyContext(context, resolve, reject), "SUCCESS", `thing-${event.LogicalResourceId}`, { Created: event.RequestType === "Create" });
  });
};

function sendResponse(event: CloudFormationCustomResourceEvent, context: Context, status: "SUCCESS" | "FAILED", physicalId: string, data?: Record<string, unknown>): void {
  const response: CloudFormationCustomResourceResponse = {
    Status: status,
    Reason: `See ${context.logStreamName}`,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  };
  const body = JSON.stringify(response);
  const request = https.request({ path: new URL(event.ResponseURL).pathname, method: "PUT", headers: { "content-type": "", "content-length": body.length } }, () => {
    context.done();
  });
  request.on("error", () => context.done());
  request.write(body);
  request.end();
}

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext<T extends object>(context: T, resolve: (result?: any) => void, reject: (error: unknown) => void): T & { succeed(result?: unknown): void; fail(error?: unknown): void; done(error?: unknown, result?: unknown): void } {
  return Object.create(context, {
    succeed: { value: (result?: unknown) => resolve(result) },
    fail: { value: (error?: unknown) => reject(error ?? "handled") },
    done: { value: (error?: unknown, result?: unknown) => (error != null ? reject(error) : resolve(result)) },
  });
}
