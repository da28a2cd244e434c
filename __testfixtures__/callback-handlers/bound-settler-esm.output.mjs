import { db } from "./services.mjs";

// ESM: a bound settler handed on, and a `callback()` declared nowhere in scope (it throws a ReferenceError).
export const handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    function finish(prefix, err, item) {
      if (err) {
        if (err.message === "db down") {
          callback();
        } else {
          reject(err);
        }
      } else {
        resolve({ prefix, text: item.text });
      }
    }
    db.get(event.id, finish.bind(null, "loaded"));
  });
};
