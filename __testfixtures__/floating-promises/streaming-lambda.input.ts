import { PassThrough, pipeline } from "node:stream";

const encode = (s: string) => new TextEncoder().encode(s);

async function loadRows(id: string): Promise<string[]> {
  return [id, `${id}-2`];
}

/** Stand-in for the AI SDK's createStreamableValue (its RSC entry needs Next.js). */
declare function createStreamableValue<T>(initial?: T): { value: unknown; update(v: T): void; done(v?: T): void };

export async function handler(event: { id: string; kind: string }) {
  const rows = await loadRows(event.id);
  if (event.kind === "transform") {
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    (async () => {
      for (const row of rows) await writer.write(encode(row));
      await writer.close();
    })();
    return new Response(readable);
  }
  if (event.kind === "transform-object") {
    const ts = new TransformStream<Uint8Array, Uint8Array>();
    const writer = ts.writable.getWriter();
    void (async () => {
      await writer.write(encode(rows.join(",")));
      await writer.close();
    })();
    return new Response(ts.readable);
  }
  if (event.kind === "start") {
    return new Response(
      new ReadableStream({
        start(controller) {
          (async () => {
            for (const row of rows) controller.enqueue(encode(row));
            controller.close();
          })();
        },
      }),
    );
  }
  if (event.kind === "passthrough") {
    const pass = new PassThrough();
    (async () => {
      for (const row of rows) pass.write(row);
      pass.end();
    })();
    return pass;
  }
  if (event.kind === "streamable") {
    const stream = createStreamableValue("");
    (async () => {
      for (const row of rows) stream.update(row);
      stream.done();
    })();
    return { output: stream.value };
  }
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  // The stream leaves for code settle cannot see: reported, not rewritten.
  (async () => {
    await writer.write(encode("x"));
    await writer.close();
  })();
  send(readable);
  return { ok: true };
}

declare function send(body: ReadableStream): void;

export async function pipeHandler(event: { id: string }, responseStream: NodeJS.WritableStream) {
  const pass = new PassThrough();
  (async () => {
    pass.write(event.id);
    pass.end();
  })();
  pipeline(pass, responseStream, () => {});
}
