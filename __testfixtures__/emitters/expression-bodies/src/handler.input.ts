import { bus } from "./bus.js";

// `void` made the arrow's value undefined: a block body that awaits the listeners keeps it.
export const created = async (event: { id: string }) => void bus.emit("order.created", event.id);

// Not async, and only the platform calls it: it becomes async.
export const plain = (event: { id: string }) => void (bus.emit("order.created", event.id));

// The handler answers with emit's boolean: reported.
export const answered = async (event: { id: string }) => bus.emit("order.created", event.id);

export const batch = async (event: { ids: string[] }) => {
  // Each emit's boolean is an element of the array: reported.
  const emitted = event.ids.map((id) => bus.emit("order.created", id));
  // A nested arrow that is not a handler: making it async would change what forEach's callback returns.
  event.ids.forEach((id) => void bus.emit("order.created", id));
  return { statusCode: 202, emitted };
};
