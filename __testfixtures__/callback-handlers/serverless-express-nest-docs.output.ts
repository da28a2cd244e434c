import serverlessExpress from "@codegenie/serverless-express";
import type { Context, Handler } from "aws-lambda";
import type { Application } from "express";

const appPromise: Promise<Application> = require("./app-promise");

let server: Handler;

async function bootstrap(): Promise<Handler> {
  const app = await appPromise;
  return serverlessExpress({ app });
}

// The handler of the NestJS documentation (FAQ, serverless): the instance is built on the first request.
export const handler: Handler = async (event: any, context: Context) => {
  server = server ?? (await bootstrap());
  return server(event, context, undefined as never);
};
