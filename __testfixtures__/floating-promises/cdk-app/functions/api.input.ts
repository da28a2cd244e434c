async function audit(what: string): Promise<void> {}

export async function run(request: { path: string }) {
  audit(request.path);
  return { statusCode: 200, body: request.path };
}
