import CfnLambda from "cfn-lambda";

const resource = CfnLambda({
  Create: (params, reply) => reply(null, "queue-1"),
  Update: (id, params, old, reply) => reply(null, id),
  Delete: (id, params, reply) => reply(null, id),
});
export const handler = async (event, context) => new Promise((resolve, reject) => resource(event, legacyContext(context, resolve, reject)));

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
