import type { Context } from "aws-lambda";

interface Batch {
  items: { id: string; ok: boolean }[];
}

export const handler = async (event: Batch, context: Context): Promise<unknown> => {
  console.log("batch of", event.items.length);
  return new Promise((resolve, reject) => {
    let answering = false;
    event.items.forEach((item) => {
      if (!item.ok) {
        answering = true;
        reject(new Error(`item ${item.id} failed`));
      }
    });
    if (!answering) resolve(undefined);
  });
};
