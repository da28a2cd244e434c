import { track, tokens } from "../../../lib/analytics";
import { after } from "next/server";

export async function GET(request: Request) {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  (async () => {
    for await (const token of tokens("hi")) await writer.write(encoder.encode(token));
    await writer.close();
  })();
  after(() => track("request"));
  track("stream");
  return new Response(readable, { headers: { "content-type": "text/event-stream" } });
}
