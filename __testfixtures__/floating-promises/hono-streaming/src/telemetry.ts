export async function logRequest(url: string): Promise<void> {}
export async function* ticks(): AsyncGenerator<string> {
  yield "1";
  yield "2";
}
