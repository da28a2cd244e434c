import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { notify, save, track } from "../../lib/stubs.js";

// Azure Functions v4: the invocation ends when the handler's promise settles; nothing keeps it open after.
export async function createOrder(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const order = (await request.json()) as { id: string };
  await save(order);
  track("order-created", order.id);
  context.log(`order ${order.id}`);
  return { jsonBody: { ok: true } };
}

app.http("createOrder", { methods: ["POST"], authLevel: "anonymous", handler: createOrder });

app.get("ping", async () => {
  track("ping");
  return { body: "pong" };
});

app.storageQueue("orderQueued", {
  queueName: "orders",
  connection: "AzureWebJobsStorage",
  handler: (message: unknown, context: InvocationContext) => {
    notify(String(message)).catch((err) => context.error(err));
  },
});

// Not a handler: runs once, when the app loads.
track("app-loaded");
