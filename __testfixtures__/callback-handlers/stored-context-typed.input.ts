import type { Context } from "aws-lambda";
import { getItem } from "./db";

interface Item {
  id: string;
  text: string;
}

let theContext: Context | undefined;

function gotItem(err: Error | null, item?: Item): void {
  if (err) {
    theContext!.fail(err);
    return;
  }
  theContext!.succeed({ statusCode: 200, body: JSON.stringify(item) });
}

export const handler = (event: { id: string }, context: Context) => {
  theContext = context;
  getItem({ id: event.id }, gotItem);
};
