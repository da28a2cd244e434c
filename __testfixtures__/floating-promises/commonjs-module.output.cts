async function publish(topic: string): Promise<void> {}

async function handler(event: { topic: string }) {
  await publish(event.topic);
  return "ok";
}

module.exports = { handler };
