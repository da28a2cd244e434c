import { getItem } from "./db";

let theContext;

const dynamoCallback = (err, item) => {
  if (err) {
    console.log("error", err);
    theContext.fail(err);
  } else {
    theContext.succeed({ item, request: theContext.awsRequestId });
  }
};

export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    theContext = legacyContext(context, resolve, reject);
    const params = { id: event.id || "a" };
    getItem(params, dynamoCallback);
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
