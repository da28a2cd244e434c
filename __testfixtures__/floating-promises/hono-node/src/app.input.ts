import { Hono } from "hono";
import { logRequest } from "./telemetry";

export const app = new Hono().get("/health", (c) => {
  logRequest(c.req.url);
  return c.text("ok");
});
