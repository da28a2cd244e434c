const subscribers = new Set<string>();

export async function addSubscriber(email: string): Promise<void> {
  subscribers.add(email);
}

export async function notifySlack(text: string): Promise<void> {
  await fetch("https://hooks.slack.example/notify", { method: "POST", body: JSON.stringify({ text }) });
}

export async function recordVisit(path: string, country: string | undefined): Promise<void> {
  await fetch("https://stats.example/visit", { method: "POST", body: JSON.stringify({ path, country }) });
}
