import { AzureFunction, Context, HttpRequest } from "../lib/types";
import { audit, lookup } from "../lib/orders";

const httpTrigger: AzureFunction = async function (context: Context, req: HttpRequest): Promise<void> {
  await audit(`lookup ${req.params.id}`);
  return new Promise((resolve, reject) => {
    lookup(req.params.id)
      .then((order) => {
        context.res = { body: order };
        resolve(undefined);
      })
      .catch((err: Error) => (err != null ? reject(err) : resolve(undefined)));
  });
};

export default httpTrigger;
