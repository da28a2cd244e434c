import { AzureFunction, Context } from "../lib/types";
import { audit } from "../lib/orders";

// A past-due run never calls done: the v3 host ran it until its timeout, so settle leaves it as it is.
const timerTrigger: AzureFunction = function (context: Context, timer: { isPastDue: boolean }): void {
  if (timer.isPastDue) return;
  audit("tick");
  context.done();
};

export default timerTrigger;
