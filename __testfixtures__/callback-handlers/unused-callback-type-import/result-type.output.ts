import type { APIGatewayProxyResult } from "aws-lambda";

export async function ping(event: { path: string }, _context: unknown): Promise<APIGatewayProxyResult> {
  return { statusCode: 200, body: event.path };
}
