import { Hono } from "hono";
import { stream, streamSSE } from "hono/streaming";
import { logRequest, ticks } from "./telemetry";

export const app = new Hono();

// stream() closes the body once its callback settles: work the callback starts is awaited there.
app.get("/stream", (c) =>
  stream(c, async (s) => {
    await (async () => {
      for await (const t of ticks()) await s.write(t);
    })();
    await s.write("start\n");
  }),
);

// The same in streamSSE(), with a callback that is not async yet.
app.get("/sse", (c) =>
  streamSSE(c, async (s) => {
    await (async () => {
      for await (const t of ticks()) await s.writeSSE({ data: t });
    })();
  }),
);

// Work nested in a timer inside the callback is left alone: it writes into the body.
app.get("/timer", (c) =>
  streamSSE(c, async (s) => {
    await logRequest(c.req.url);
    setTimeout(() => {
      s.writeSSE({ data: "late" });
    }, 10);
    await s.sleep(20);
  }),
);
