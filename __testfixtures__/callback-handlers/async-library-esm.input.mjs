import { waterfall } from "async";
import { db } from "./db.mjs";

export const handler = (event, context, callback) => {
  waterfall([
    (next) => db.load(event.id, next),
    (item, next) => db.save({ ...item, seen: true }, next),
  ], (err, saved) => {
    if (err) {
      callback(err);
      return;
    }
    callback(null, { saved });
  });
};
