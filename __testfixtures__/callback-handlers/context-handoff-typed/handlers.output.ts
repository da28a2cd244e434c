import type { APIGatewayProxyHandler, Context, APIGatewayProxyResult } from "aws-lambda";

function respond(context: Context, name: string | undefined): void {
  if (!name) {
    context.fail(new Error("name required"));
    return;
  }
  context.succeed({ statusCode: 200, body: `hello ${name}` });
}

/** Only the handler type is imported: the result type it implies is not in scope here. */
export const greet: APIGatewayProxyHandler = async (event, context) => {
  return new Promise<APIGatewayProxyResult>((resolve, reject) => {
    setTimeout(() => {
      resolve({ statusCode: 200, body: "late" });
    }, 1);
  });
};

export const named: APIGatewayProxyHandler = async (event, context) => {
  return new Promise<APIGatewayProxyResult>((resolve, reject) => {
    respond(legacyContext(context, resolve, reject), event.queryStringParameters?.name);
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext<T extends object>(context: T, resolve: (result?: any) => void, reject: (error: unknown) => void): T & { succeed(result?: unknown): void; fail(error?: unknown): void; done(error?: unknown, result?: unknown): void } {
  return Object.create(context, {
    succeed: { value: (result?: unknown) => resolve(result) },
    fail: { value: (error?: unknown) => reject(error ?? "handled") },
    done: { value: (error?: unknown, result?: unknown) => (error != null ? reject(error) : resolve(result)) },
  });
}
