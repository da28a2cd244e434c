import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

async function warmUp(): Promise<void> {}

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  await warmUp();
  return { statusCode: 200, body: event.path };
}

export const ping = async (event: APIGatewayProxyEvent) => {
  await warmUp();
  return { statusCode: 200, body: "pong" };
};
