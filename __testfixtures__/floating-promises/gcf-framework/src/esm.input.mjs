import { http, cloudEvent as onEvent } from "@google-cloud/functions-framework";
import { audit, notify } from "./store.js";

http("report", (req, res) => {
  audit("report");
  res.json({ ok: true });
});

onEvent("stored", async (event) => {
  notify(event.subject);
});
