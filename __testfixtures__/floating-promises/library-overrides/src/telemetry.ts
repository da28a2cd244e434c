export async function audit(what: string): Promise<void> {
  await fetch("https://audit.example.com/", { method: "POST", body: what });
}

export async function flushMetrics(): Promise<void> {
  await fetch("https://metrics.example.com/flush", { method: "POST" });
}
