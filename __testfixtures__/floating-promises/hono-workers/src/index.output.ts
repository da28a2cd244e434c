import { Hono } from "hono";
import { logRequest } from "./telemetry";

type Bindings = { CACHE: KVNamespace };

const app = new Hono<{ Bindings: Bindings }>();

app.use(async (c, next) => {
  c.executionCtx.waitUntil(logRequest(c.req.url));
  await next();
});

app.get("/items/:id", async (c) => {
  const item = await c.env.CACHE.get(c.req.param("id"));
  c.executionCtx.waitUntil(logRequest(`item:${item}`));
  return c.json({ item });
});

export default app;
