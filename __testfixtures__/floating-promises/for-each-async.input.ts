interface Item {
  id: string;
}
async function save(item: Item): Promise<void> {}

export const handler = async (event: { items: Item[]; byId: Map<string, Item>; maybe?: Item[] }) => {
  event.items.forEach(async (item) => {
    await save(item);
  });
  event.items.filter((i) => i.id).forEach(save);
  event.items.forEach((item) => console.log(item.id));
  event.byId.forEach(async (item) => save(item));
  event.maybe?.forEach(async (item) => save(item));
  return { count: event.items.length };
};
