async function sendEmail(to: string): Promise<void> {}

export async function handler(event: { id?: string; to: string }) {
  const notice = sendEmail(event.to);
  if (!event.id) throw new Error("id required");
  try {
    if (event.id === "x") throw new Error("caught below");
  } catch (error) {
    throw new Error(`rethrown: ${String(error)}`);
  }
  return { id: event.id };
}
