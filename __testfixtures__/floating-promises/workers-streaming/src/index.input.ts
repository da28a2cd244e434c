import { Hono } from "hono";
import { streamSSE } from "hono/streaming";

const app = new Hono();

async function* ticks(): AsyncGenerator<string> {
  yield "1";
  yield "2";
}

// Hono's SSE helper closes the body once its callback settles: the writer is awaited inside the callback.
app.get("/events", (c) =>
  streamSSE(c, async (stream) => {
    (async () => {
      for await (const t of ticks()) await stream.writeSSE({ data: t });
    })();
    await stream.sleep(10);
  }),
);

export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
    if (new URL(request.url).pathname === "/events") return app.fetch(request, env, ctx);
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    // Already kept alive by waitUntil without blocking the return: fine as it is.
    ctx.waitUntil(
      (async () => {
        for await (const t of ticks()) await writer.write(new TextEncoder().encode(t));
        await writer.close();
      })(),
    );
    return new Response(readable);
  },
};
