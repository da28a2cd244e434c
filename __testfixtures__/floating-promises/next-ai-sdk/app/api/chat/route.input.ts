import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { after } from "next/server";
import { track, tokens } from "../../../lib/analytics";

// execute gets the writer of the response body; the work it starts fills that body.
export async function POST(request: Request) {
  const { prompt } = (await request.json()) as { prompt: string };
  const stream = createUIMessageStream({
    execute: ({ writer }) => {
      writer.write({ type: "start" });
      (async () => {
        writer.write({ type: "text-start", id: "t" });
        for await (const token of tokens(prompt)) writer.write({ type: "text-delta", id: "t", delta: token });
        writer.write({ type: "text-end", id: "t" });
      })();
    },
  });
  after(() => track("chat"));
  return createUIMessageStreamResponse({ stream });
}

