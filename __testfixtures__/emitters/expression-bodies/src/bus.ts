import { EventEmitter2 } from "eventemitter2";

export const bus = new EventEmitter2();
export const sent: string[] = [];

bus.on("order.created", async (id: string) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  sent.push(id);
});
