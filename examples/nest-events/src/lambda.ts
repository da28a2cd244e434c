import serverlessExpress from "@codegenie/serverless-express";
import { NestFactory } from "@nestjs/core";
import type { Context } from "aws-lambda";
import { AppModule } from "./app.module";

type ApiHandler = (event: unknown, context: Context) => Promise<unknown>;

let server: ApiHandler | undefined;

async function bootstrap(): Promise<ApiHandler> {
  const app = await NestFactory.create(AppModule);
  await app.init();
  return serverlessExpress({ app: app.getHttpAdapter().getInstance() }) as ApiHandler;
}

export const handler = async (event: unknown, context: Context) => {
  server = server ?? (await bootstrap());
  return server(event, context);
};
