export async function track(event: string, props: Record<string, unknown> = {}): Promise<void> {
  await fetch("https://analytics.example.com/e", { method: "POST", body: JSON.stringify({ event, props }) });
}

export const audit = {
  async write(action: string, id: string): Promise<void> {
    await fetch(`https://audit.example.com/${action}/${id}`, { method: "PUT" });
  },
};

export function refreshCache(id: string): Promise<void> {
  return fetch(`https://cache.example.com/refresh/${id}`).then(() => undefined);
}

export async function loadStock(id: string): Promise<number> {
  const res = await fetch(`https://stock.example.com/${id}`);
  return Number(await res.text());
}
