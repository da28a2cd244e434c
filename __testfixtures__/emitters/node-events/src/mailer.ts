import { EventEmitter } from "node:events";

export class Mailer extends EventEmitter<{ signup: [email: string]; unsubscribe: [email: string] }> {
  constructor() {
    super();
    this.on("signup", async (email) => {
      await fetch("https://crm.example.com/", { method: "POST", body: email });
    });
  }
}

export const mailer = new Mailer();
export const counters = new EventEmitter();
export let opened = 0;

mailer.on("signup", async (email: string) => {
  await fetch("https://mail.example.com/", { method: "POST", body: email });
});
mailer.once("signup", sendReceipt);
counters.on("open", () => {
  opened++;
});

function sendReceipt(email: string): Promise<void> {
  return fetch("https://mail.example.com/receipt", { method: "POST", body: email }).then(() => undefined);
}
