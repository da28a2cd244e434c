const EVENTS_ENDPOINT = "https://analytics.internal.example.com/v1/events";
const METRICS_ENDPOINT = "https://analytics.internal.example.com/v1/metrics";

export type EventProperties = Record<string, string | number | boolean>;

export async function trackEvent(name: string, properties: EventProperties = {}): Promise<void> {
  const response = await fetch(EVENTS_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, properties, timestamp: new Date().toISOString() }),
  });

  if (!response.ok) {
    throw new Error(`Analytics rejected event ${name}: HTTP ${response.status}`);
  }
}

export async function recordMetric(name: string, value: number, unit = "Count"): Promise<void> {
  const response = await fetch(METRICS_ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, value, unit, timestamp: Date.now() }),
  });

  if (!response.ok) {
    throw new Error(`Metrics endpoint rejected ${name}: HTTP ${response.status}`);
  }
}
