const NAMESPACE = process.env.METRICS_NAMESPACE ?? 'visits-app';
const COLLECTOR_URL = process.env.METRICS_COLLECTOR_URL;

export const putMetric = async (name, value, unit = 'Count', dimensions = {}) => {
  const datum = {
    namespace: NAMESPACE,
    name,
    value,
    unit,
    dimensions,
    timestamp: Date.now(),
  };

  if (!COLLECTOR_URL) {
    console.log(JSON.stringify(datum));
    return;
  }

  const response = await fetch(COLLECTOR_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(datum),
  });

  if (!response.ok) {
    throw new Error(`Metrics collector returned ${response.status}`);
  }
};
