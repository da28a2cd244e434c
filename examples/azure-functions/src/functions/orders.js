const { app } = require("@azure/functions");
const { notifyWarehouse, saveOrder, track } = require("../lib/services");

app.http("createOrder", {
  methods: ["POST"],
  authLevel: "anonymous",
  handler: async (request, context) => {
    const order = await request.json();
    const saved = await saveOrder(order);
    track("order_created", saved.id);
    context.log(`order ${saved.id} saved`);
    return { status: 201, jsonBody: saved };
  },
});

app.storageQueue("shipOrder", {
  queueName: "orders-to-ship",
  connection: "AzureWebJobsStorage",
  handler: (message, context) => {
    notifyWarehouse(message.id).catch((err) => context.error("warehouse notification failed", err));
  },
});
