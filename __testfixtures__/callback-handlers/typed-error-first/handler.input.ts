import { getObject } from "./lib/storage";

// `err` is null when the read succeeds, whatever its type says: the answer must check it.
export const handler = (event: { key: string }, context: unknown, callback: (err: unknown, result?: string) => void) => {
  getObject(event.key, (err, data) => {
    callback(err, data && data.Body);
  });
};
