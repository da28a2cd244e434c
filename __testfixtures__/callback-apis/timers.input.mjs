import { track } from "./analytics.mjs";

export const handler = async (event) => {
  await track("received");
  setTimeout(() => {
    // give the queue a moment before the retry
    track("retry");
  }, 200);
  setImmediate(() => track("after-io"));
  return { statusCode: 202 };
};
