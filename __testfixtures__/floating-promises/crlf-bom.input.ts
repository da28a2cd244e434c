async function track(name: string): Promise<void> {}

export const handler = async (event: { name: string }) => {
  track(event.name);
  const pending = track("later");
  return { statusCode: 200 };
};
