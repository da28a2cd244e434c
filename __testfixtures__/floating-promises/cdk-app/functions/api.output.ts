async function audit(what: string): Promise<void> {}

export async function run(request: { path: string }) {
  await audit(request.path);
  return { statusCode: 200, body: request.path };
}
