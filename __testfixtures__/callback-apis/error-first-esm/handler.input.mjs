import { save } from "./store.mjs";

// A callback handler: callback-handlers converts it, then callback-apis awaits the project function's promise form.
export const handler = (event, context, callback) => {
  save(event.key, event.value, (err, size) => {
    if (err) return callback(err);
    callback(null, { size });
  });
};

export const audit = async (event) => {
  save("audit", event.key, (err) => {
    if (err) console.error("audit failed", err);
  });
  return "ok";
};
