// The sendResponse idiom in TypeScript, with aws-lambda's CloudFormation types: converted.
import * as https from "https";
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse, Context } from "aws-lambda";

export const handler = (event: CloudFormationCustomResourceEvent, context: Context): void => {
  if (event.RequestType === "Delete") {
    sendResponse(event, context, "SUCCESS", event.PhysicalResourceId);
    return;
  }
  sendResponse(event, context, "SUCCESS", `thing-${event.LogicalResourceId}`, { Created: event.RequestType === "Create" });
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
