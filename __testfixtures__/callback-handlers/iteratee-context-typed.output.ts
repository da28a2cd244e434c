import async from "async";
import type { Context } from "aws-lambda";

declare const db: { get(id: string, done: (err: Error | null, item?: { id: string }) => void): void };

interface Loaded {
  cluster: string;
  status: "OK" | "ERROR";
}

// TypeScript: the iteratee's callback goes to a named function that may answer through context.done.
export const handler = async (event: { clusters: string[]; remaining: number }, context: Context) => {
  return new Promise((resolve, reject) => {
    function failBatch(reason: string) {
      reject(new Error(reason));
    }
    function loadCluster(cluster: string, callback: (err: Error | null, loaded?: Loaded) => void) {
      if (event.remaining < 10000) {
        failBatch(`remaining ${event.remaining} insufficient`);
      }
      db.get(cluster, (err, item) => {
        if (err || !item) {
          callback(null, { cluster, status: "ERROR" });
        } else {
          callback(null, { cluster: item.id, status: "OK" });
        }
      });
    }
    async.map<string, Loaded | undefined, Error>(event.clusters, (cluster, callback) => {
      loadCluster(cluster, callback);
    }, (err, results) => {
      if (err) {
        failBatch(err.message);
      } else {
        resolve(results);
      }
    });
  });
};
