async function renderToEmail(node: unknown): Promise<string> {
  return String(node);
}

export const handler = async (event: { name: string }) => {
  await renderToEmail(<p>Hello {event.name}</p>);
  return { statusCode: 200, body: <b>{event.name}</b> ? "ok" : "no" };
};
