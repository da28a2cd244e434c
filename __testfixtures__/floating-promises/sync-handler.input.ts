import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

async function warmUp(): Promise<void> {}

export function handler(event: APIGatewayProxyEvent): APIGatewayProxyResult {
  warmUp();
  return { statusCode: 200, body: event.path };
}

export const ping = (event: APIGatewayProxyEvent) => {
  warmUp();
  return { statusCode: 200, body: "pong" };
};
