async function save(name) {
  return `id-${name}`;
}
async function track(kind, detail) {
  return { kind, detail };
}
async function cleanup() {
  return 3;
}
function load(id, callback) {
  setImmediate(() => callback(null, { id }));
}
module.exports = { save, track, cleanup, load };
