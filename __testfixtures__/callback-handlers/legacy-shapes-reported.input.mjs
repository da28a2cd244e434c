import { db } from "./services.mjs";

// Two lookups in flight: the old runtime waited for the second before answering null on this path.
export const siblings = (event, context, callback) => {
  db.get(event.a, (err, a) => {
    if (err) return;
    callback(null, a);
  });
  db.get(event.b, (err, b) => callback(err, b));
};

// callback(null, x) answered once the event loop was empty: after the lookup, which a promise would not wait for.
export const answerThenWork = (event, context, callback) => {
  callback(null, "early");
  db.get(event.id, (err, item) => callback(err, item));
};

// Inside a loop: a later round may have started work that is still pending.
export const loop = (event, context, callback) => {
  db.get(event.id, (err, items) => {
    for (const item of items) {
      if (!item) return;
    }
    callback(null, items.length);
  });
};

export const aliased = (event, context) => {
  const done = context.done;
  db.get(event.id, done);
};
