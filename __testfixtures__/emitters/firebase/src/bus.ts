import { EventEmitter2 } from "eventemitter2";

export const bus = new EventEmitter2();

bus.on("signup", async (email: string) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log("welcome", email);
});
