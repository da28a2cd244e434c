import { onRequest, onCall as callable } from "firebase-functions/v2/https";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/scheduler";
import * as pubsub from "firebase-functions/v2/pubsub";
import { onNewFatalIssuePublished } from "firebase-functions/alerts/crashlytics";
import { logger } from "firebase-functions";
import { audit, notify } from "./store.js";

export const hello = onRequest({ region: "europe-west1" }, (req, res) => {
  audit(String(req.query.name));
  res.status(200).send("hi");
  notify("after");
});

export const greet = callable((request) => {
  notify(request.auth?.uid ?? "anonymous");
  return { ok: true };
});

export const created = onDocumentCreated("users/{id}", (event) => {
  void notify(event.params.id);
});

export const nightly = onSchedule("every day 00:00", async () => {
  audit("nightly").catch((err) => logger.error(err));
});

export const published = pubsub.onMessagePublished("orders", async (event) => {
  Promise.all([audit(event.data.message.messageId), notify("orders")]);
});

export const fatal = onNewFatalIssuePublished(async (event) => {
  notify(event.data.payload.issue.id);
});
