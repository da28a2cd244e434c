import { track } from "../../lib/stubs.js";

// A v1 function is an AWS Lambda handler: it has no context.waitUntil, so the work is awaited.
export const handler = async (event) => {
  track("legacy", event.path);
  return { statusCode: 200, body: "ok" };
};
