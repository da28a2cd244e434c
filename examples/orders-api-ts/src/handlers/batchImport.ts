import type { SQSEvent } from "aws-lambda";
import { recordMetric } from "../lib/analytics.js";
import { saveItem } from "../lib/db.js";

export const handler = async (event: SQSEvent) => {
  console.log(`Importing ${event.Records.length} orders`);

  event.Records.forEach(async (record) => {
    await saveItem(JSON.parse(record.body));
  });

  Promise.all([
    recordMetric("ImportBatches", 1),
    recordMetric("ImportBatchSize", event.Records.length),
  ]);
};
