import serverlessExpress from "@codegenie/serverless-express";
import { app } from "./app.mjs";

export default serverlessExpress({ app, resolutionMode: "CONTEXT" });
