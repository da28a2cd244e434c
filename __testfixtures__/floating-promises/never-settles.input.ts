async function startWorker(): Promise<void> {}

export async function handler(event: unknown) {
  new Promise(async () => {
    await startWorker();
  });
  return { started: true };
}
