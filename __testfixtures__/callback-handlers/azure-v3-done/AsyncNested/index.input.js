const { load } = require("../lib/store");

module.exports = async function (context, req) {
  load(req.query.id, (err, doc) => {
    if (err) return context.done(err);
    context.done(null, doc);
  });
};
