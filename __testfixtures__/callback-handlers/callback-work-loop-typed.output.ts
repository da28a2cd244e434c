import type { Context } from "aws-lambda";

declare const db: { get(id: string, done: (err: Error | null, item?: { id: string }) => void): void };

function reprocess(id: string, callback: (err?: unknown) => void): void {
  db.get(id, (err) => callback(err ?? undefined));
}

// One callback-style call per record: every round's promise awaited after the loop, typed.
export const handler = async (event: { Records?: { id: string }[] }, context: Context) => {
  if (!event.Records) throw "unsupported event";
  const pending: Promise<void>[] = [];
  for (const record of event.Records) {
    let resolve!: () => void;
    pending.push(new Promise<void>((settle) => { resolve = settle; }));
    reprocess(record.id, (err) => {
      if (err) console.log("failed", record.id, err);
      resolve();
    });
  }
  await Promise.all(pending);
};
