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
  notify("#greetings", "hello " + event.name);
  return { statusCode: 200 };
};

module.exports.process = async function (event, context) {
  metrics.put("processed", event.Records.length);
  new Promise((resolve) => setTimeout(resolve, 5));
  return { batchItemFailures: [] };
};

function ping(event) {
  notify("#ping", "ping");
  return { statusCode: 200, body: "pong" };
}

module.exports = { ...module.exports, ping };
