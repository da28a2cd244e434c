async function sendEmail(to: string): Promise<void> {}

export async function handler(event: { id?: string; to: string }) {
  const notice = sendEmail(event.to);
  if (!event.id) { await Promise.allSettled([notice]); throw new Error("id required"); }
  try {
    if (event.id === "x") throw new Error("caught below");
  } catch (error) {
    await Promise.allSettled([notice]);
    throw new Error(`rethrown: ${String(error)}`);
  }
  await notice;
  return { id: event.id };
}
