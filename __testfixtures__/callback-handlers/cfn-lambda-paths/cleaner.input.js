// Delete hands its reply to a class of the project, which settle does not follow: reported.
const CfnLambda = require("cfn-lambda");
const Cleaner = require("./cleaner-logic");

const Delete = (id, params, reply) => {
  new Cleaner(params.Bucket, () => reply(null, id), (err) => reply(err, id)).run();
};

module.exports.handler = CfnLambda({
  Create: (params, reply) => reply(null, "cleaner-1"),
  Update: (id, params, old, reply) => reply(null, id),
  Delete: Delete,
});
