async function publish(topic: string): Promise<void> {}

function handler(event: { topic: string }) {
  publish(event.topic);
  return "ok";
}

module.exports = { handler };
