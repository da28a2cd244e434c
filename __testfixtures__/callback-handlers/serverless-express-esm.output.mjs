import serverlessExpress from "@codegenie/serverless-express";
import { app } from "./app.mjs";

const serverlessExpressInstance = serverlessExpress({ app, resolutionMode: "PROMISE" });
export default async (event, context) => serverlessExpressInstance(event, context);
