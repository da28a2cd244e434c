import type {
  APIGatewayProxyEvent,
  APIGatewayProxyHandler,
  APIGatewayProxyResult,
  Callback,
  Context,
  Handler,
  SQSEvent,
} from "aws-lambda";
import { loadOrder } from "./orders";

export const getOrder: APIGatewayProxyHandler = (event, _context, callback) => {
  const id = event.pathParameters?.id;
  if (!id) {
    callback(null, { statusCode: 400, body: "id required" });
    return;
  }
  loadOrder(id, (err, order) => {
    if (err) return callback(err);
    callback(null, { statusCode: 200, body: JSON.stringify(order) });
  });
};

export function health(event: APIGatewayProxyEvent, context: Context, callback: Callback<APIGatewayProxyResult>): void {
  callback(null, { statusCode: 200, body: `ok ${context.functionName} ${event.path}` });
}

export const count: Handler<SQSEvent, { processed: number }> = (event, context, callback) => {
  callback(null, { processed: event.Records.length });
};

export const sqs = function (event: SQSEvent, context: Context, callback: Callback): void {
  for (const record of event.Records) {
    if (!record.body) {
      return callback(new Error(`empty message ${record.messageId}`));
    }
  }
  callback();
};
