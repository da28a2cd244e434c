import type { Callback, Context } from "aws-lambda";
import { db } from "./services.js";

export const answerThenWork = (event: { id: string }, context: Context, callback: Callback) => {
  callback(null, "early");
  db.get(event.id, (err: Error | null, item?: unknown) => {
    if (err) callback(err);
    else callback(null, item);
  });
};

