async function track(name) {}
async function* ticks() {
  yield "1";
  yield "2";
}
module.exports = { track, ticks };
