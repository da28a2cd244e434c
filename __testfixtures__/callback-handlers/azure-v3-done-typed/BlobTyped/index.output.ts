import { AzureFunction, Context } from "../lib/types";

// The shape of the v3 templates: synchronous, `: void`, answering through context.done() alone.
const blobTrigger: AzureFunction = async function (context: Context, blob: { length: number }): Promise<void> {
  context.log(`blob of ${blob.length} bytes`);
};

export default blobTrigger;
