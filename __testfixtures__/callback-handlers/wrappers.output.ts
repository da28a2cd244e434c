import middy from "@middy/core";
import serverlessExpress from "@codegenie/serverless-express";
import type { Callback, Context } from "aws-lambda";
import { app } from "./app";

/** Returns a function of the same parameters as the one it is given. */
function withLogging<T extends (...args: any[]) => any>(fn: T): T {
  return fn;
}

/** Returns its own (event, context, callback) function. */
const wrap = (fn: (event: unknown, context: Context) => Promise<unknown>) =>
  (event: unknown, context: Context, callback: Callback) => {
    fn(event, context).then((r) => callback(null, r), callback);
  };

export const logged = withLogging(async (event: { name: string }, context: Context) => {
  return `hi ${event.name}`;
});

export const wrapped = wrap(async (event) => ({ wrapped: event }));

export const validated = middy(async (event: unknown, context: Context) => {
  return { ok: true };
});

const apiInstance = serverlessExpress({ app });
export const api = async (event: Parameters<typeof apiInstance>[0], context: Parameters<typeof apiInstance>[1]) => apiInstance(event, context, undefined as never);
