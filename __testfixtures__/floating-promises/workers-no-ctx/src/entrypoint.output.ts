import { WorkerEntrypoint } from "cloudflare:workers";
import { logRequest } from "./telemetry";

export default class Gateway extends WorkerEntrypoint {
  async fetch(request: Request): Promise<Response> {
    this.ctx.waitUntil(logRequest(request.url));
    return new Response("ok");
  }
}
