import { db } from "./services.mjs";

// ESM: a bound settler handed on, and a `callback()` declared nowhere in scope (it throws a ReferenceError).
export const handler = function (event, context) {
  function finish(prefix, err, item) {
    if (err) {
      if (err.message === "db down") {
        callback();
      } else {
        context.fail(err);
      }
    } else {
      context.succeed({ prefix, text: item.text });
    }
  }
  db.get(event.id, finish.bind(null, "loaded"));
};
