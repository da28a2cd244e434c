import { EventEmitter } from "node:events";
import { counters, mailer } from "./mailer.js";

const local = new EventEmitter();
local.on("signup", async () => {});

export const handler = async (event: { email: string }) => {
  mailer.emit("signup", event.email);
  mailer.emit("unsubscribe", event.email);
  counters.emit("open");
  return { statusCode: 204 };
};

// The emit is the arrow's expression body: reported as well.
export const ping = async (event: { email: string }) => mailer.emit("signup", event.email);
