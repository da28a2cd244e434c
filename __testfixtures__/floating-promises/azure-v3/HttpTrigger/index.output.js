const { audit } = require("../lib/store");

// Azure Functions v3: the invocation ends when this promise settles; audit() is still running then.
module.exports = async function (context, req) {
  const name = req.query.name || (req.body && req.body.name);
  await audit("hello", name);
  context.res = { body: `Hello, ${name}` };
};
