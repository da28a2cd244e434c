import { waterfall } from "async";
import { db } from "./db.mjs";

export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    waterfall([
      (next) => db.load(event.id, next),
      (item, next) => db.save({ ...item, seen: true }, next),
    ], (err, saved) => {
      if (err) {
        reject(err);
        return;
      }
      resolve({ saved });
    });
  });
};
