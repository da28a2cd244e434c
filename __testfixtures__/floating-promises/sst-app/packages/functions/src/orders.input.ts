async function publish(topic: string): Promise<void> {}

export const handler = async () => {
  publish("orders");
  return { statusCode: 200 };
};
