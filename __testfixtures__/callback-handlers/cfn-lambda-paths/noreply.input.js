// NoUpdate never calls its reply: reported (the old runtime answered null once the loop was empty).
const CfnLambda = require("cfn-lambda");

exports.handler = CfnLambda({
  Create: (params, reply) => reply(null, "thing-1"),
  Delete: (id, params, reply) => reply(null, id),
  NoUpdate: NoUpdate,
});

function NoUpdate(id, params, reply) {
}
