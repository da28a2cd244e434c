export function load(id, callback) {
  setImmediate(() => callback(null, { id }));
}
