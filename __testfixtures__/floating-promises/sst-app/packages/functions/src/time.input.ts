async function track(what: string): Promise<void> {}

export async function main(input: unknown) {
  track("time");
  return { statusCode: 200, body: new Date(0).toISOString() };
}
