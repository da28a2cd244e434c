import { onRequest } from "firebase-functions/v2/https";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { logger } from "firebase-functions";
import { trackEvent } from "./lib/analytics.js";
import { sendWelcomeEmail } from "./lib/mail.js";
import { saveSignup } from "./lib/store.js";

export { countNewUser } from "./legacy.js";

export const signup = onRequest({ region: "europe-west1" }, async (req, res) => {
  const email = typeof req.body?.email === "string" ? req.body.email : "";
  if (!email) {
    res.status(400).json({ error: "email required" });
    return;
  }
  const id = await saveSignup(email);
  trackEvent("signup", { source: req.get("referer") ?? "direct" });
  res.status(201).json({ id });
});

export const welcome = onDocumentCreated("signups/{id}", (event) => {
  const email = event.data?.get("email");
  if (typeof email !== "string") return;
  sendWelcomeEmail(email).catch((err) => logger.error("welcome mail failed", err));
});
