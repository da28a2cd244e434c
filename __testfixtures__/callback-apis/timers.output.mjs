import { track } from "./analytics.mjs";
import { setTimeout, setImmediate } from "node:timers/promises";

export const handler = async (event) => {
  await track("received");
  await setTimeout(200);
  // give the queue a moment before the retry
  track("retry");
  await setImmediate();
  track("after-io");
  return { statusCode: 202 };
};
