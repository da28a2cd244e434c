import { putMetric } from "./metrics.mjs";

async function recordVisit(page) {
  return page;
}

export default async function (event) {
  recordVisit(event.path).finally(() => console.log("recorded"));
  putMetric("PageView", 1);
  return { statusCode: 200 };
}
