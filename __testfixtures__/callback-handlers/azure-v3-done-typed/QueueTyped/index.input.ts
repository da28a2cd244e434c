import { Context } from "../lib/types";
import { audit } from "../lib/orders";

export function run(context: Context, item: { id?: string }): void {
  if (!item.id) {
    context.done(new Error("job without id"));
    return;
  }
  audit(`job ${item.id}`);
  context.bindings.out = { id: item.id };
  context.done(null, { receipt: item.id });
}
