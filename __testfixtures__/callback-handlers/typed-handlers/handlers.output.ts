import type {
  APIGatewayProxyEvent,
  APIGatewayProxyHandler,
  APIGatewayProxyResult,
  Context,
  Handler,
  SQSEvent,
} from "aws-lambda";
import { loadOrder } from "./orders";

export const getOrder: APIGatewayProxyHandler = async (event, _context) => {
  const id = event.pathParameters?.id;
  if (!id) {
    return { statusCode: 400, body: "id required" };
  }
  return new Promise<APIGatewayProxyResult>((resolve, reject) => {
    loadOrder(id, (err, order) => {
      if (err) return reject(err);
      resolve({ statusCode: 200, body: JSON.stringify(order) });
    });
  });
};

export async function health(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  return { statusCode: 200, body: `ok ${context.functionName} ${event.path}` };
}

export const count: Handler<SQSEvent, { processed: number }> = async (event, context) => {
  return { processed: event.Records.length };
};

export const sqs = async function (event: SQSEvent, context: Context): Promise<any> {
  for (const record of event.Records) {
    if (!record.body) {
      throw new Error(`empty message ${record.messageId}`);
    }
  }
};
