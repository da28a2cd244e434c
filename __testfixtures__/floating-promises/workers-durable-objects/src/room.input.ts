import { track } from "./telemetry";

export class Room {
  constructor(private readonly state: DurableObjectState) {}

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    track("room message");
    for (const peer of this.state.getWebSockets()) peer.send(message);
  }
}

export class Ledger {
  async fetch(): Promise<Response> {
    track("ledger lives in another Worker");
    return new Response("ok");
  }
}

export class ApiClient {
  async fetch(path: string): Promise<Response> {
    track(`client ${path}`);
    return fetch(`https://api.example.com${path}`);
  }
}
