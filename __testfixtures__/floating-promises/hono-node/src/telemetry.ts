export async function logRequest(url: string): Promise<void> {
  await fetch("https://logs.example.com/", { method: "POST", body: url });
}

export async function purge(cron: string): Promise<number> {
  const res = await fetch(`https://cache.example.com/purge?cron=${encodeURIComponent(cron)}`);
  return Number(await res.text());
}
