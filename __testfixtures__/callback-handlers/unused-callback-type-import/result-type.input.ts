import type { APIGatewayProxyResult, Callback } from "aws-lambda";

export function ping(event: { path: string }, _context: unknown, callback: Callback<APIGatewayProxyResult>): void {
  callback(null, { statusCode: 200, body: event.path });
}
