import type { Handler, SQSEvent } from "aws-lambda";

interface Queue {
  send(body: string): PromiseLike<void>;
}

declare const queue: Queue;

async function archive(id: string): Promise<void> {}

export const consume: Handler<SQSEvent, void> = async (records) => {
  for (const record of records.Records) await queue.send(record.body);
  await (records.Records.length > 10 && archive("batch"));
};
