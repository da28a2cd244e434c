async function publish(topic: string): Promise<void> {}

export const handler = async () => {
  await publish("orders");
  return { statusCode: 200 };
};
