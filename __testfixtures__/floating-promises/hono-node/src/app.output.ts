import { Hono } from "hono";
import { logRequest } from "./telemetry";

export const app = new Hono().get("/health", async (c) => {
  await logRequest(c.req.url);
  return c.text("ok");
});
