import { bus } from "./bus.js";

// The listeners get the writer of the returned body: awaiting them before the return would hang.
export const handler = (event: { id: string }) => {
  const { readable, writable } = new TransformStream<string, string>();
  bus.emit("rows", writable.getWriter());
  bus.emit("audit", event.id);
  return new Response(readable);
};
