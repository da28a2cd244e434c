const EVENTS_ENDPOINT = "https://analytics.example.com/v1/events";

export async function trackEvent(name: string, properties: Record<string, string | number> = {}): Promise<void> {
  const response = await fetch(EVENTS_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, properties, at: new Date().toISOString() }),
  });
  if (!response.ok) throw new Error(`analytics rejected ${name}: HTTP ${response.status}`);
}
