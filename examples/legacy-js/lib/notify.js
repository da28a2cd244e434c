"use strict";

const SLACK_WEBHOOK_URL = process.env.SLACK_WEBHOOK_URL;

async function notify(channel, text) {
  if (!SLACK_WEBHOOK_URL) {
    console.log(`[notify ${channel}] ${text}`);
    return;
  }

  const res = await fetch(SLACK_WEBHOOK_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channel, text }),
  });

  if (!res.ok) {
    throw new Error(`Slack webhook returned ${res.status}`);
  }
}

module.exports = { notify };
