import CfnLambda from "cfn-lambda";

export const handler = CfnLambda({
  Create: (params, reply) => reply(null, "queue-1"),
  Update: (id, params, old, reply) => reply(null, id),
  Delete: (id, params, reply) => reply(null, id),
});
