import { configure } from "@vendia/serverless-express";
import { app } from "./app.mjs";

// In CALLBACK mode the instance answers through the callback: settle cannot drop it.
const instance = configure({ app, resolutionMode: "CALLBACK" });

export const handler = async (event, context, callback) => instance(event, context, callback);
