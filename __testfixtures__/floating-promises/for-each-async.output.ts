interface Item {
  id: string;
}
async function save(item: Item): Promise<void> {}

export const handler = async (event: { items: Item[]; byId: Map<string, Item>; maybe?: Item[] }) => {
  await Promise.all(event.items.map(async (item) => {
    await save(item);
  }));
  await Promise.all(event.items.filter((i) => i.id).map(save));
  event.items.forEach((item) => console.log(item.id));
  event.byId.forEach(async (item) => save(item));
  event.maybe?.forEach(async (item) => save(item));
  return { count: event.items.length };
};
