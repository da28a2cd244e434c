export async function audit(id: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  console.log("audit", id);
}
