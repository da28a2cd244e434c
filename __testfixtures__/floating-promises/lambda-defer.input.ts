import type { APIGatewayProxyHandler } from "aws-lambda";

async function track(event: string): Promise<void> {}

export const handler: APIGatewayProxyHandler = async (event) => {
  track(event.path);
  return { statusCode: 204, body: "" };
};
