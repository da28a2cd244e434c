// AsyncCreate: a promise of the resource's own, which may never settle: reported.
const CfnLambda = require("cfn-lambda");

exports.handler = CfnLambda({
  AsyncCreate: async (params) => ({ PhysicalResourceId: "p-1" }),
  Delete: (id, params, reply) => reply(null, id),
});
