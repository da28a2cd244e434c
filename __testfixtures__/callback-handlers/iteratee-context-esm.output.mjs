import async from "async";
import { db, audit } from "./services.mjs";

// ESM: the iteratee of async.mapLimit hands its callback to a named function that may answer through
// context.fail (at once, first call wins) and otherwise calls the callback.
export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    const fail = (reason) => {
      audit.note("failing: " + reason);
      reject(new Error(reason));
    };
    const load = (id, next) => {
      if (id === "stop") {
        return fail("stopped at " + id);
      }
      db.get(id, (err, item) => {
        if (err) {
          return next(err);
        }
        next(null, item.id);
      });
    };
    async.mapLimit(event.ids, 2, (id, next) => load(id, next), (err, ids) => {
      if (err) {
        reject(err);
      } else {
        resolve({ loaded: ids });
      }
    });
  });
};
