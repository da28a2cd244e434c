const { track } = require("../lib/store");

// done() answers at once: the v3 host does not wait for track().
module.exports = async function (context, req) {
  const body = { ok: true };
  context.res = { body };
  await track("answered", req.query.id);
};
