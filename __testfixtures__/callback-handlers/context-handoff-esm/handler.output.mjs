import { helper } from "./helper.mjs";

/** ESM: the context goes to a helper module of the project that answers through context.succeed/fail. */
export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    helper(event, legacyContext(context, resolve, reject));
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
