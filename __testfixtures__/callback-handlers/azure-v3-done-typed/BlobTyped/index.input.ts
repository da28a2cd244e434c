import { AzureFunction, Context } from "../lib/types";

// The shape of the v3 templates: synchronous, `: void`, answering through context.done() alone.
const blobTrigger: AzureFunction = function (context: Context, blob: { length: number }): void {
  context.log(`blob of ${blob.length} bytes`);
  context.done();
};

export default blobTrigger;
