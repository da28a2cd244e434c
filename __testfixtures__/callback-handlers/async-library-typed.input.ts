import async from "async";
import type { Callback, Context } from "aws-lambda";

declare const db: { remove(id: string, done: (err?: Error | null) => void): void };

export const handler = (event: { ids: string[] }, context: Context, callback: Callback<string>) => {
  async.eachSeries(event.ids, (id, done) => db.remove(id, done), (err) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, `removed ${event.ids.length}`);
  });
};
