import type { IncomingMessage, ServerResponse } from "node:http";
import { waitUntil } from "@vercel/functions";

async function track(name: string): Promise<void> {}
async function* ticks(): AsyncGenerator<string> {
  yield "1";
  yield "2";
}
async function send(res: ServerResponse, data: string): Promise<void> {
  res.write(`data: ${data}\n\n`);
}

export default async function handler(req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { "Content-Type": "text/event-stream" });
  const pump = async () => {
    for await (const t of ticks()) await send(res, t);
    res.end();
  };
  pump();
  // Settles only when the response is finished, which is after this handler returns.
  new Promise((resolve) => res.on("finish", resolve));
  waitUntil(track("ticks"));
}
