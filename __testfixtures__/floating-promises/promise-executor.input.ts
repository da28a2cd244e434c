async function load(id: string): Promise<string> {
  return id;
}
async function audit(id: string): Promise<void> {}

export async function handler(event: { id: string }) {
  const value = await new Promise<string>((resolve, reject) => {
    load(event.id).then(resolve).catch(reject);
    audit(event.id);
  });
  return { value };
}
