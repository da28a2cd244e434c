export async function record(kind: string, detail: string): Promise<void> {
  await fetch("https://audit.example.com/", { method: "POST", body: `${kind} ${detail}` });
}
