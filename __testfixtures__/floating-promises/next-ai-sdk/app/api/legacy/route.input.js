import { createDataStreamResponse, createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { after } from "next/server";
import { track, tokens } from "../../../lib/analytics";

// AI SDK 4: the execute callback writes into the data stream the route answers with.
export async function POST(request) {
  const { prompt } = await request.json();
  return createDataStreamResponse({
    execute: async (dataStream) => {
      dataStream.writeData("started");
      (async () => {
        for await (const token of tokens(prompt)) dataStream.writeData(token);
      })();
    },
  });
}

// AI SDK 5: createUIMessageStream's execute, the stream handed to createUIMessageStreamResponse.
export async function PUT() {
  after(() => track("put"));
  return createUIMessageStreamResponse({
    stream: createUIMessageStream({
      execute({ writer }) {
        (async () => {
          for await (const token of tokens("hi")) writer.write({ type: "text-delta", id: "t", delta: token });
        })();
      },
    }),
  });
}
