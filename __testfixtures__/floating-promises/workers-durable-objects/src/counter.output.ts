import { DurableObject } from "cloudflare:workers";
import { track } from "./telemetry";

interface Env {
  COUNTER: DurableObjectNamespace;
}

export class Counter extends DurableObject<Env> {
  async fetch(request: Request): Promise<Response> {
    const value = ((await this.ctx.storage.get<number>("value")) ?? 0) + 1;
    await this.ctx.storage.put("value", value);
    this.ctx.waitUntil(track(`count ${value}`));
    return new Response(String(value));
  }

  async alarm(): Promise<void> {
    this.ctx.waitUntil(track("alarm"));
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.ctx.waitUntil(track("message"));
    ws.send(message);
  }

  webSocketClose(ws: WebSocket, code: number, reason: string): void {
    this.ctx.waitUntil(track(`close ${code} ${reason}`));
  }

  private helper(): void {
    track("not an entry point");
  }
}
