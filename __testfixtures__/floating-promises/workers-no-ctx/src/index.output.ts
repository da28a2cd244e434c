import { logRequest, purge } from "./telemetry";

interface Env {
  CACHE: KVNamespace;
}

export default {
  async fetch(request: Request, env: Env, context: ExecutionContext): Promise<Response> {
    context.waitUntil(logRequest(request.url));
    const cached = await env.CACHE.get(request.url);
    return new Response(cached ?? "miss");
  },

  async scheduled(controller: ScheduledController, env: Env, context: ExecutionContext): Promise<void> {
    context.waitUntil(purge(controller.cron));
  },
};
