async function track(name: string): Promise<void> {}

export const handler = async (event: { name: string }) => {
  await track(event.name);
  const pending = track("later");
  await pending;
  return { statusCode: 200 };
};
