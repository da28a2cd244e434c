async function track(id: string): Promise<void> {}

export const handler = async (event: { ids: string[] }) => event.ids.forEach(async (id) => track(id));

export const audit = async (event: { id: string }) => void track(event.id);

export const syncAudit = (event: { id: string }) => void track(event.id);

/** The value is returned, so nothing escapes. */
export const returned = async (event: { id: string }) => track(event.id);
