const { save, track } = require("../lib/store");

module.exports = async function (context, req) {
  const name = req.query.name || (req.body && req.body.name);
  if (!name) {
    context.res = { status: 400, body: "name required" };
    return;
  }
  await track("greet", name);
  return new Promise((resolve, reject) => {
    save(name)
      .then((id) => {
        context.res = { body: { id, greeting: `Hello, ${name}` } };
        resolve();
      })
      .catch((err) => (err != null ? reject(err) : resolve()));
  });
};
