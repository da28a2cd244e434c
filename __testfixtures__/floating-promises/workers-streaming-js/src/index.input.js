import { Hono } from "hono";
import { stream } from "hono/streaming";

const app = new Hono();

async function* ticks() {
  yield "1";
  yield "2";
}

async function track(name) {}

// Hono's stream() callback: the work it starts is awaited inside it, never before the route returns.
app.get("/ticks", (c) =>
  stream(c, async (s) => {
    (async () => {
      for await (const t of ticks()) await s.write(t);
    })();
  }),
);

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/ticks") return app.fetch(request, env, ctx);
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    // A writer filling the returned body: left alone (ctx.waitUntil would be fine too, await would hang).
    (async () => {
      for await (const t of ticks()) await writer.write(new TextEncoder().encode(t));
      await writer.close();
    })();
    // Already kept alive by ctx.waitUntil without blocking the return: left as it is.
    ctx.waitUntil(
      (async () => {
        await track("fetch");
      })(),
    );
    track("unrelated");
    return new Response(readable);
  },
};
