const ENDPOINT = "https://analytics.example.com/v1/events";

/** Sends one analytics event; resolves once the collector has accepted it. */
export async function trackEvent(name: string, props: Record<string, string>): Promise<void> {
  const response = await fetch(ENDPOINT, { method: "POST", body: JSON.stringify({ name, props }) });
  if (!response.ok) throw new Error(`analytics: ${response.status}`);
}
