import async from "async";
import type { Context } from "aws-lambda";

declare const db: { remove(id: string, done: (err?: Error | null) => void): void };

export const handler = async (event: { ids: string[] }, context: Context) => {
  return new Promise((resolve, reject) => {
    async.eachSeries(event.ids, (id, done) => db.remove(id, done), (err) => {
      if (err) {
        reject(err);
        return;
      }
      resolve(`removed ${event.ids.length}`);
    });
  });
};
