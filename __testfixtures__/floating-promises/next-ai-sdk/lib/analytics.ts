export async function track(name: string): Promise<void> {}
export async function* tokens(prompt: string): AsyncGenerator<string> {
  yield prompt;
}
