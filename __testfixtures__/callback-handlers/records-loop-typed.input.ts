import type { Context } from "aws-lambda";

interface Batch {
  items: { id: string; ok: boolean }[];
}

export const handler = (event: Batch, context: Context): void => {
  console.log("batch of", event.items.length);
  event.items.forEach((item) => {
    if (!item.ok) {
      context.fail(new Error(`item ${item.id} failed`));
    }
  });
};
