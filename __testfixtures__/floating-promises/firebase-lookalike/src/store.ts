export async function audit(what: string): Promise<void> {}
export async function notify(uid: string): Promise<void> {}
