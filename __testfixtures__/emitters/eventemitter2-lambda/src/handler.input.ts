import { bus } from "./bus.js";

export const handler = (event: { id: string }) => {
  bus.emit("order.created", event.id);
  // settle-ignore
  bus.emit("order.audited", event.id);
  if (bus.emit("order.created", event.id)) console.log("had listeners");
  bus.emit("order.counted");
  bus.emit("order.logged", event.id);
  return { statusCode: 201 };
};

export async function main() {
  bus.emit("order.created", "cli");
}
