"use strict";

const UPSTREAM_HEALTH_URL = process.env.UPSTREAM_HEALTH_URL;

let lastWarmUp = 0;

async function warmUp() {
  if (Date.now() - lastWarmUp < 60 * 1000) {
    return;
  }
  const res = await fetch(UPSTREAM_HEALTH_URL);
  if (res.ok) {
    lastWarmUp = Date.now();
  }
}

function ping(event) {
  warmUp();
  return { statusCode: 200, body: "pong" };
}

module.exports = {
  ping,
  warmUp,
};
