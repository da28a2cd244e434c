async function sendMail(to: string): Promise<string> {
  return `sent to ${to}`;
}
function log(error: unknown): void {
  console.error(error);
}

export async function handler(event: { email: string; ok?: boolean }) {
  await sendMail(event.email).then((id) => console.log(id));
  await sendMail(event.email).catch(log);
  await sendMail(event.email).finally(() => console.log("done"));
  await sendMail(event.email)
    .then((id) => id.toUpperCase())
    .catch(log);
  await sendMail(event.email);
  await sendMail(event.email).catch(log);
  await (event.ok && sendMail(event.email));
  await (event.ok ? sendMail(event.email) : sendMail("fallback@example.com"));
  void 0;
  return { statusCode: 202 };
}
