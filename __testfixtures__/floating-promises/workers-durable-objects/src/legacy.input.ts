import { track } from "./telemetry";

export class Legacy implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}

  async fetch(request: Request): Promise<Response> {
    track(`legacy ${request.method}`);
    return new Response("ok");
  }
}
