import { http, cloudEvent as onEvent } from "@google-cloud/functions-framework";
import { audit, notify } from "./store.js";

http("report", async (req, res) => {
  await audit("report");
  res.json({ ok: true });
});

onEvent("stored", async (event) => {
  await notify(event.subject);
});
