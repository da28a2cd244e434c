import { Hono } from "hono";
import { logRequest } from "./telemetry";

type Bindings = { CACHE: KVNamespace };

const app = new Hono<{ Bindings: Bindings }>();

app.use(async (c, next) => {
  logRequest(c.req.url);
  await next();
});

app.get("/items/:id", async (c) => {
  const item = await c.env.CACHE.get(c.req.param("id"));
  logRequest(`item:${item}`);
  return c.json({ item });
});

export default app;
