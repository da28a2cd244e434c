import type { Callback, Context, SQSEvent } from "aws-lambda";
import * as fs from "fs";

export const handler = (event: SQSEvent, context: Context, callback: Callback<{ batch: number }>): void => {
  const ids = event.Records.map((r) => r.messageId);
  const result = { batch: ids.length };
  fs.appendFile("/tmp/batches.log", ids.join(",") + "\n", (err) => {
    if (err) throw err;
    console.log("logged", ids.length);
  });
  callback(null, result);
};

export const warm = (event: unknown, context: Context, callback: Callback): void => {
  callback(null);
  setTimeout(() => {
    fs.writeFileSync("/tmp/warm", new Date().toISOString());
  }, 5);
};
