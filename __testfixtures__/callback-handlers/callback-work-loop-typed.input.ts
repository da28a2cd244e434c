import type { Context } from "aws-lambda";

declare const db: { get(id: string, done: (err: Error | null, item?: { id: string }) => void): void };

function reprocess(id: string, callback: (err?: unknown) => void): void {
  db.get(id, (err) => callback(err ?? undefined));
}

// One callback-style call per record: every round's promise awaited after the loop, typed.
export const handler = (event: { Records?: { id: string }[] }, context: Context) => {
  if (!event.Records) return context.fail("unsupported event");
  for (const record of event.Records) {
    reprocess(record.id, (err) => {
      if (err) console.log("failed", record.id, err);
    });
  }
};
