async function warm(): Promise<void> {}

export function handler(event: { path: string }) {
  warm();
  return { statusCode: 200, body: event.path };
}

/** Another entry calls the first synchronously and reads its result: making it async breaks this. */
export async function proxy(event: { path: string }) {
  const response = handler(event);
  return { ...response, proxied: true };
}
