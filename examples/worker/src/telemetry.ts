export async function logHit(url: string, cached: boolean): Promise<void> {
  await fetch("https://logs.example.com/v1/hits", {
    method: "POST",
    body: JSON.stringify({ url, cached, at: Date.now() }),
  });
}

export async function reportPurge(cron: string, purged: number): Promise<void> {
  await fetch("https://logs.example.com/v1/purges", { method: "POST", body: JSON.stringify({ cron, purged }) });
}
