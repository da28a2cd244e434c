async function startWorker(): Promise<void> {}

export async function handler() {
  new Promise(async () => {
    await startWorker();
  });
  return { started: true };
}
