import { save } from "./store.mjs";

// A callback handler: callback-handlers converts it, then callback-apis awaits the project function's promise form.
export const handler = async (event, context) => {
  const size = await new Promise((resolve, reject) => save(event.key, event.value, (err, size) => (err ? reject(err) : resolve(size))));
  return { size };
};

export const audit = async (event) => {
  try {
    await new Promise((resolve, reject) => save("audit", event.key, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    console.error("audit failed", err);
  }
  return "ok";
};
