async function log(line: string): Promise<void> {}

export const runJob = async (input: { name: string }) => {
  log(`job:${input.name}`);
};
