export async function publish(topic: string, payload: string): Promise<void> {
  await fetch(`https://events.internal/${topic}`, { method: "POST", body: payload });
}
