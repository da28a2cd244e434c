import serverlessExpress from "@codegenie/serverless-express";
import type { Context, Handler } from "aws-lambda";
import type { Application } from "express";

const appPromise: Promise<Application> = require("./app-promise");

let cachedServer: Handler;

// The NestJS starters' shape: the instance is built once, on the first request, and cached.
async function bootstrap() {
  if (!cachedServer) {
    const app = await appPromise;
    cachedServer = serverlessExpress({ app });
  }
  return cachedServer;
}

export const handler = async (event: any, context: Context) => {
  const server = await bootstrap();
  return server(event, context, undefined as never);
};
