const functions = require("@google-cloud/functions-framework");
const { audit, notify } = require("./store.js");

functions.http("helloHttp", async (req, res) => {
  audit(req.query.name);
  res.send(`Hello ${req.query.name || "World"}!`);
});

functions.cloudEvent("helloPubSub", (cloudEvent) => {
  notify(cloudEvent.data.message.messageId);
});

functions.cloudEvent("withCallback", (cloudEvent, callback) => {
  notify(cloudEvent.id);
  callback();
});

functions.http("late", (req, res) => {
  res.status(204).end();
  audit("late");
});
