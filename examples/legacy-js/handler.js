"use strict";

const { notify } = require("./lib/notify");

const JOBS_API_URL = process.env.JOBS_API_URL;

async function runJob(job) {
  const res = await fetch(`${JOBS_API_URL}/jobs/${encodeURIComponent(job.id)}/run`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(job.payload || {}),
  });
  if (!res.ok) {
    throw new Error(`Job API returned ${res.status}`);
  }
  return res.json();
}

module.exports.hello = async (event) => {
  const params = event.queryStringParameters || {};
  const name = params.name || "world";

  notify("#greetings", `Said hello to ${name}`);

  return {
    statusCode: 200,
    body: JSON.stringify({ message: `Hello, ${name}!` }),
  };
};

exports.process = async function (event, context) {
  const records = event.Records || [];
  const failures = [];

  for (const record of records) {
    const job = JSON.parse(record.body);
    try {
      await runJob(job);
    } catch (err) {
      failures.push({ itemIdentifier: record.messageId });
      notify("#alerts", `Job ${job.id} failed: ${err.message}`);
    }

    // Give the jobs API a breather between requests.
    new Promise((resolve) => setTimeout(resolve, 100));
  }

  await notify("#jobs", `${context.functionName} processed ${records.length} jobs, ${failures.length} failed`);

  return { batchItemFailures: failures };
};
