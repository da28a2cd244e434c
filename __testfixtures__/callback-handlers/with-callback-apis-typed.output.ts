import type { Context, SQSEvent } from "aws-lambda";
import * as fs from "fs";
import { setTimeout } from "node:timers/promises";

export const handler = async (event: SQSEvent, context: Context): Promise<{ batch: number }> => {
  const ids = event.Records.map((r) => r.messageId);
  const result = { batch: ids.length };
  await fs.promises.appendFile("/tmp/batches.log", ids.join(",") + "\n");
  console.log("logged", ids.length);
  return result;
};

export const warm = async (event: unknown, context: Context): Promise<any> => {
  await setTimeout(5);
  fs.writeFileSync("/tmp/warm", new Date().toISOString());
};
