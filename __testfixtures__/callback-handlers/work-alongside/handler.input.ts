import type { Callback, Context } from "aws-lambda";
import { audit, saveVisit, track } from "./services";

export const handler = (event: { path: string }, context: Context, callback: Callback) => {
  track(`visit ${event.path}`);
  saveVisit(event.path).then((n) => console.log(`visit #${n}`));
  callback(null, { statusCode: 200, body: "thanks" });
};

export const after = (event: { path: string }, context: Context, callback: Callback) => {
  const response = { statusCode: 200, body: event.path };
  callback(null, response);
  void audit.write(`served ${event.path}`);
  console.log("served");
};

export const computed = (event: { path: string }, context: Context, callback: Callback) => {
  callback(null, { statusCode: 200, body: event.path.toUpperCase() });
  track("computed");
};

export const failed = (event: { path: string }, context: Context, callback: Callback) => {
  callback(new Error(`no route for ${event.path}`));
  track("failed");
};
