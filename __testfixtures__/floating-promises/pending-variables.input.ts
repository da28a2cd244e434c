async function refreshCache(key: string): Promise<void> {}
async function loadUser(id: string): Promise<{ id: string }> {
  return { id };
}
async function loadOrders(id: string): Promise<string[]> {
  return [id];
}

export async function handler(event: { id: string; cached?: boolean }) {
  const warm = refreshCache(event.id); // keep the cache warm
  const pending = [refreshCache("a"), refreshCache("b")];

  // Deliberate concurrency: already correct, stays unchanged.
  const orders = loadOrders(event.id);
  const user = await loadUser(event.id);
  const list = await orders;

  if (event.cached) return { user, list };
  switch (list.length) {
    case 0: {
      const audit = refreshCache("empty");
      break;
    }
  }
  return { user, list, count: list.length };
}
