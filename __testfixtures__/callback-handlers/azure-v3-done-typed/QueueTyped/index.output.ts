import { Context } from "../lib/types";
import { audit } from "../lib/orders";

export async function run(context: Context, item: { id?: string }): Promise<unknown> {
  if (!item.id) {
    throw new Error("job without id");
  }
  await audit(`job ${item.id}`);
  context.bindings.out = { id: item.id };
  return { receipt: item.id };
}
