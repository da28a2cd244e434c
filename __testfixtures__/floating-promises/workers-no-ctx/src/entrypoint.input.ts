import { WorkerEntrypoint } from "cloudflare:workers";
import { logRequest } from "./telemetry";

export default class Gateway extends WorkerEntrypoint {
  async fetch(request: Request): Promise<Response> {
    logRequest(request.url);
    return new Response("ok");
  }
}
