"use strict";

const { notify } = require("./lib/notify");

const API_KEYS = new Map(
  (process.env.API_KEYS || "")
    .split(",")
    .filter(Boolean)
    .map((entry) => entry.split(":"))
);

async function recordUsage(client, path) {
  await notify("#api-usage", `${client} called ${path}`);
}

function auth(req, res, next) {
  const apiKey = req.get("x-api-key");
  const client = apiKey && API_KEYS.get(apiKey);

  if (!client) {
    res.status(401).json({ message: "Invalid or missing API key" });
    return;
  }

  recordUsage(client, req.path);
  req.client = client;
  next();
}

module.exports = { auth };
