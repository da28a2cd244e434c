import { logRequest } from "./telemetry";

export default {
  async fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> {
    ctx.waitUntil(logRequest(request.url));
    return new Response("ok");
  },
};
