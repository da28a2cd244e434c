const { save } = require("../lib/store");

module.exports = function (context, req) {
  if (req.query.skip) return;
  save(req.query.name).then((id) => answer(context, id));
};

function answer(context, id) {
  context.res = { body: id };
  context.done();
}
