import { getObject } from "./lib/storage";

// `err` is null when the read succeeds, whatever its type says: the answer must check it.
export const handler = async (event: { key: string }, context: unknown) => {
  return new Promise((resolve, reject) => {
    getObject(event.key, (err, data) => {
      if (err != null) reject(err); else resolve(data && data.Body);
    });
  });
};
