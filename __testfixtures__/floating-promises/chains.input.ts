async function sendMail(to: string): Promise<string> {
  return `sent to ${to}`;
}
function log(error: unknown): void {
  console.error(error);
}

export async function handler(event: { email: string; ok?: boolean }) {
  sendMail(event.email).then((id) => console.log(id));
  sendMail(event.email).catch(log);
  sendMail(event.email).finally(() => console.log("done"));
  sendMail(event.email)
    .then((id) => id.toUpperCase())
    .catch(log);
  void sendMail(event.email);
  void sendMail(event.email).catch(log);
  event.ok && sendMail(event.email);
  event.ok ? sendMail(event.email) : sendMail("fallback@example.com");
  void 0;
  return { statusCode: 202 };
}
