import { createServer, proxy } from "aws-serverless-express";
import { app } from "./app.mjs";

const server = createServer(app);

export const handler = (event, context) => {
  proxy(server, event, context, "CONTEXT_SUCCEED");
};
