import { Hono } from "hono";
import { stream, streamSSE } from "hono/streaming";
import { logRequest, ticks } from "./telemetry";

export const sse = new Hono();

sse.get("/events", async (c) => {
  await logRequest(c.req.url);
  return streamSSE(c, async (s) => {
    await (async () => {
      for await (const t of ticks()) await s.writeSSE({ data: t, event: "tick" });
    })();
    await s.sleep(5);
  });
});

sse.get("/raw", (c) =>
  stream(c, async (s) => {
    const pump = async () => {
      for await (const t of ticks()) await s.write(t);
    };
    await pump();
  }),
);
