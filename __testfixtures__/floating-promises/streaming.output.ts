import { PassThrough } from "node:stream";

async function track(name: string): Promise<void> {}
async function* rows(): AsyncGenerator<string> {
  yield "a";
  yield "b";
}
async function produce(writer: WritableStreamDefaultWriter<string>): Promise<void> {
  await writer.write("x");
  await writer.close();
}

// A TransformStream writer fills the body the handler returns: part of the response.
export async function handler(event: { id: string }) {
  const { readable, writable } = new TransformStream<string, string>();
  const writer = writable.getWriter();
  (async () => {
    for await (const row of rows()) await writer.write(row);
    await writer.close();
  })();
  await track("stream-started");
  return new Response(readable.pipeThrough(new TextEncoderStream()));
}

// A ReadableStream whose start() enqueues from un-awaited async work.
export async function sseHandler(event: { id: string }) {
  const body = new ReadableStream<string>({
    start(controller) {
      (async () => {
        for await (const row of rows()) controller.enqueue(`data: ${row}\n\n`);
        controller.close();
      })();
    },
  });
  return new Response(body);
}

// A Node PassThrough returned as the body.
export async function nodeStreamHandler(event: { id: string }) {
  const pass = new PassThrough();
  (async () => {
    for await (const row of rows()) pass.write(row);
    pass.end();
  })();
  return { statusCode: 200, body: pass };
}

// The stream goes to code settle cannot see: reported, not awaited.
export async function handedOnHandler(event: { id: string }, sink: (s: ReadableStream<string>) => void) {
  const { readable, writable } = new TransformStream<string, string>();
  produce(writable.getWriter());
  sink(readable);
  return { statusCode: 202 };
}

// A fire-and-forget wrapper nothing can settle: awaiting it would hang.
export async function workerHandler(event: { id: string }) {
  new Promise(async () => {
    await track(event.id);
  });
  return { statusCode: 202 };
}
