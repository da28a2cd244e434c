// The file runs its own export with a context of its own: reported (the run would get a promise, not its done call).
const CfnLambda = require("cfn-lambda");
exports.handler = CfnLambda({
  Create: (params, reply) => reply(null, "x"),
});
if (require.main === module) exports.handler({ RequestType: "Create" }, { done: () => console.log("done") });
