import { logHit, reportPurge } from "./telemetry";

interface Env {
  CACHE: KVNamespace;
  ORIGIN: string;
}

export default {
  async fetch(request, env) {
    const cached = await env.CACHE.get(request.url);
    logHit(request.url, cached !== null);
    if (cached !== null) return new Response(cached);

    const response = await fetch(new URL(new URL(request.url).pathname, env.ORIGIN));
    const body = await response.text();
    env.CACHE.put(request.url, body, { expirationTtl: 300 });
    return new Response(body, response);
  },

  async scheduled(controller, env) {
    const keys = await env.CACHE.list();
    await Promise.all(keys.keys.map((key) => env.CACHE.delete(key.name)));
    reportPurge(controller.cron, keys.keys.length);
  },
} satisfies ExportedHandler<Env>;
