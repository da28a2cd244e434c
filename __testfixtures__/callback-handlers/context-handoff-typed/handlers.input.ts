import type { APIGatewayProxyHandler, Context } from "aws-lambda";

function respond(context: Context, name: string | undefined): void {
  if (!name) {
    context.fail(new Error("name required"));
    return;
  }
  context.succeed({ statusCode: 200, body: `hello ${name}` });
}

/** Only the handler type is imported: the result type it implies is not in scope here. */
export const greet: APIGatewayProxyHandler = (event, context, callback) => {
  setTimeout(() => {
    callback(null, { statusCode: 200, body: "late" });
  }, 1);
};

export const named: APIGatewayProxyHandler = (event, context) => {
  respond(context, event.queryStringParameters?.name);
};
