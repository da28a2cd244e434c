async function send(to: string, body: string): Promise<void> {
  await fetch("https://mail.example.com/", { method: "POST", body: `${to}\n${body}` });
}

export default {
  email(message: { to: string; body: string }, env: unknown, ctx: unknown): void {
    send(message.to, message.body);
  },
  tail(events: string[]): void {
    for (const e of events) send("ops@example.com", e);
  },
};
