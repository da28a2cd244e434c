async function track(id: string): Promise<void> {}

export const handler = async (event: { ids: string[] }) => { await Promise.all(event.ids.map(async (id) => track(id))); };

export const audit = async (event: { id: string }) => { await track(event.id); };

export const syncAudit = async (event: { id: string }) => { await track(event.id); };

/** The value is returned, so nothing escapes. */
export const returned = async (event: { id: string }) => track(event.id);
