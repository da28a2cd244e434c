const CfnLambda = require("cfn-lambda");
const s3 = require("./s3");

const Delete = CfnLambda.SDKAlias({ api: s3, method: "deleteBucket", returnPhysicalId: "Bucket" });

exports.handler = CfnLambda({
  Create: (params, reply) => s3.create(params, (err, data) => reply(err && err.message, data.name)),
  Update: (id, params, old, reply) => reply(null, id),
  Delete,
});
