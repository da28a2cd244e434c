// A wrapper settle does not know, handed a function of a handler's shape: followed (and said so in
// --verbose). A handler-named call whose argument has no handler's shape is not.
const { instrument } = require("some-apm");
const { once } = require("some-utils");

async function record(what) {}

exports.handler = instrument(async (event, context) => {
  await record(event.id);
  return { ok: true };
});

exports.initHandler = once(() => {
  record("init");
});
