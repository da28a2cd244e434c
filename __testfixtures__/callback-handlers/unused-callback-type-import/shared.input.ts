import { Callback, Context } from "aws-lambda";

export default function (event: { name: string }, context: Context, callback: Callback): void {
  console.log("invoked as %s", context.functionName);
  callback(null, { hello: event.name });
}
