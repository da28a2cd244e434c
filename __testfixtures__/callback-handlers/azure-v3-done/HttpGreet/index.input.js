const { save, track } = require("../lib/store");

module.exports = function (context, req) {
  const name = req.query.name || (req.body && req.body.name);
  if (!name) {
    context.res = { status: 400, body: "name required" };
    return context.done();
  }
  track("greet", name);
  save(name)
    .then((id) => {
      context.res = { body: { id, greeting: `Hello, ${name}` } };
      context.done();
    })
    .catch((err) => context.done(err));
};
