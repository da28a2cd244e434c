async function track(name: string): Promise<void> {}

// The timer's callback awaits writes into the body the handler returns: moved before the return, it would hang.
export async function handler(event: { id: string }) {
  const { readable, writable } = new TransformStream<string, string>();
  const writer = writable.getWriter();
  setTimeout(async () => {
    await writer.write(event.id);
    await writer.close();
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 5));
  track(event.id);
  return new Response(readable);
}
