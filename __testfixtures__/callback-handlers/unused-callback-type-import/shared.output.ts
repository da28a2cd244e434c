import { Context } from "aws-lambda";

export default async function (event: { name: string }, context: Context): Promise<any> {
  console.log("invoked as %s", context.functionName);
  return { hello: event.name };
}
