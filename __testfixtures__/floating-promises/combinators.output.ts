const save = async (id: number): Promise<number> => id;

export const handler = async (event: { ids: number[] }) => {
  await Promise.all(event.ids.map((id) => save(id)));
  await Promise.allSettled([save(1), save(2)]);
  await Promise.race([save(3), new Promise((resolve) => setTimeout(resolve, 50))]);
  await Promise.any([save(4)]);
  await Promise.all(event.ids.map(save));
  await Promise.all(event.ids.map(async (id) => save(id)));
  return event.ids.length;
};
