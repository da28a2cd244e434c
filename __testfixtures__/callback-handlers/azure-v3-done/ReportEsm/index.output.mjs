import { load } from "../lib/store.mjs";

export default async function (context, req) {
  return new Promise((resolve, reject) => {
    load(req.params.id, (err, doc) => {
      if (err) return reject(err);
      resolve({ res: { body: doc } });
    });
  });
}
