import { put, touch } from "./store";

export const handler = async (event: { key: string; value: string }) => {
  // TypeScript: the types decide, and they say `any` (no promise form can be typed): reported, not guessed.
  put(event.key, event.value, (err, size) => {
    if (err) throw err;
    console.log("stored", size);
  });
  touch(event.key, (err: Error | null) => {
    if (err) console.error(err);
  });
  return { ok: true };
};
