import { lookup } from "./store.mjs";

export function helper(request, lambdaContext) {
  lookup(request.id, (err, item) => {
    if (err) return lambdaContext.fail(err);
    lambdaContext.succeed({ id: item.id, source: request.source });
  });
}
