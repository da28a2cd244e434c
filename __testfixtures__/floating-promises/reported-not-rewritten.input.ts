import type { Context, Callback } from "aws-lambda";

async function audit(message: string): Promise<void> {}

/** Called by other code, which reads its return value: cannot become async. */
function buildResponse(status: number) {
  audit(`status ${status}`);
  return { statusCode: status };
}

export async function handler(event: { status: number; payload: any }) {
  const response = buildResponse(event.status);
  event.payload.send();
  setTimeout(() => {
    audit("later");
  }, 10);
  return response;
}

export function legacy(event: unknown, context: Context, callback: Callback) {
  audit("legacy");
  callback(null, { statusCode: 200 });
}
