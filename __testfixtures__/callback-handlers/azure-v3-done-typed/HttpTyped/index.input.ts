import { AzureFunction, Context, HttpRequest } from "../lib/types";
import { audit, lookup } from "../lib/orders";

const httpTrigger: AzureFunction = function (context: Context, req: HttpRequest): void {
  audit(`lookup ${req.params.id}`);
  lookup(req.params.id)
    .then((order) => {
      context.res = { body: order };
      context.done();
    })
    .catch((err: Error) => context.done(err));
};

export default httpTrigger;
