import type { Context } from "aws-lambda";
import { audit, saveVisit, track } from "./services";

export const handler = async (event: { path: string }, context: Context) => {
  await track(`visit ${event.path}`);
  await saveVisit(event.path).then((n) => console.log(`visit #${n}`));
  return { statusCode: 200, body: "thanks" };
};

export const after = async (event: { path: string }, context: Context) => {
  const response = { statusCode: 200, body: event.path };
  await audit.write(`served ${event.path}`);
  console.log("served");
  return response;
};

export const computed = async (event: { path: string }, context: Context) => {
  const result = { statusCode: 200, body: event.path.toUpperCase() };
  await track("computed");
  return result;
};

export const failed = async (event: { path: string }, context: Context) => {
  const error = new Error(`no route for ${event.path}`);
  await track("failed");
  throw error;
};
