export async function sendEmail(to: string): Promise<void> {}
export async function track(name: string): Promise<void> {}
