export function lookup(id, callback) {
  setTimeout(() => (id === "missing" ? callback(new Error("not found")) : callback(null, { id })), 1);
}
