import type { Writable } from "node:stream";

declare const awslambda: {
  streamifyResponse(fn: (event: unknown, responseStream: Writable) => Promise<void>): unknown;
};

async function track(name: string): Promise<void> {}

// Resolved only by an event the response emits once it is finished, after the handler returns.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write("hello");
  new Promise((resolve) => responseStream.on("finish", resolve));
  const closed = new Promise<void>((resolve) => {
    responseStream.once("close", () => resolve());
  });
  await track("stream");
});

// Ended first: the finish event comes while the handler waits, so awaiting is fine.
export const ended = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.end("bye");
  await new Promise((resolve) => responseStream.on("finish", resolve));
});

// A lock whose release is kept for other code (the next invocation): awaiting it could wait for good.
let release: () => void = () => {};
export async function locked(event: { id: string }) {
  new Promise<void>((resolve) => {
    release = resolve;
  });
  const waiters: (() => void)[] = [];
  const turn = new Promise<void>((resolve) => waiters.push(resolve));
  await track(event.id);
  return { statusCode: 202 };
}

