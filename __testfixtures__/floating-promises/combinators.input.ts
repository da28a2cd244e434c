const save = async (id: number): Promise<number> => id;

export const handler = async (event: { ids: number[] }) => {
  Promise.all(event.ids.map((id) => save(id)));
  Promise.allSettled([save(1), save(2)]);
  Promise.race([save(3), new Promise((resolve) => setTimeout(resolve, 50))]);
  Promise.any([save(4)]);
  event.ids.map(save);
  void event.ids.map(async (id) => save(id));
  return event.ids.length;
};
