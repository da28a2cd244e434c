async function publish(topic: string): Promise<void> {}

export async function createOrder(input: { id: string }) {
  await publish(`created:${input.id}`);
  return { statusCode: 201 };
}

// Not re-exported as a handler: left alone.
export async function listOrders(input: { id: string }) {
  publish("listed");
  return { statusCode: 200 };
}
