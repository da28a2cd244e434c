async function save(id: string): Promise<void> {}
function format(id: string): string {
  return id.trim();
}

export const handler = async (event: { id: string }) => {
  await save(event.id);
  const id = format(event.id);
  console.log(id);
  const saving = save(id);
  await saving;
  // settle-ignore: fire-and-forget on purpose, the metric may be lost
  save("metric");
  return save(id);
};

export const arrow = async (event: { id: string }) => save(event.id);

/** Not a handler and not reached from one: out of scope. */
export function scheduleCleanup(): void {
  save("cleanup");
}

async function main() {
  save("script");
}
main();
