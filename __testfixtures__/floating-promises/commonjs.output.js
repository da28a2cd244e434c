"use strict";

async function notify(channel, text) {
  return { channel, text };
}

const metrics = {
  async put(name, value) {
    return { name, value };
  },
};

exports.hello = async (event) => {
  await notify("#greetings", "hello " + event.name);
  return { statusCode: 200 };
};

module.exports.process = async function (event, context) {
  await metrics.put("processed", event.Records.length);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { batchItemFailures: [] };
};

async function ping(event) {
  await notify("#ping", "ping");
  return { statusCode: 200, body: "pong" };
}

module.exports = { ...module.exports, ping };
