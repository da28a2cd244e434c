const functions = require("firebase-functions/v1");
const express = require("express");
const { audit, notify } = require("./store.js");

const app = express();

function authenticate(req, res, next) {
  audit("auth");
  next();
}

app.use(authenticate);

const audited = (req, res, next) => {
  audit(req.path);
  next();
};

app.post("/messages", async (req, res) => {
  notify("posted");
  res.status(201).json({ ok: true });
});

app.get("/messages/:id", [audited], (req, res) => {
  res.json({ id: req.params.id });
  audit("read");
});

exports.api = functions.https.onRequest(app);

// Not an Express app: its handlers are not followed.
const assistant = require("./assistant.js")();
assistant.intent("welcome", (conv) => {
  audit("welcome");
});
exports.fulfillment = functions.https.onRequest(assistant);
