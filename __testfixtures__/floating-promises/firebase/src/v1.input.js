const functions = require("firebase-functions/v1");
const { audit, notify } = require("./store.js");

exports.addMessage = functions.https.onRequest(async (req, res) => {
  audit(req.query.text);
  if (!req.query.text) {
    res.status(400).send("missing text");
    return;
  }
  res.json({ ok: true });
});

exports.welcome = functions.auth.user().onCreate((user) => {
  notify(user.uid);
  return null;
});

exports.uppercase = functions.region("europe-west1").firestore.document("messages/{id}").onCreate((snap, context) => {
  audit(context.params.id);
  return snap.ref.set({ upper: true });
});

exports.nightly = functions.runWith({ memory: "1GB" }).pubsub.schedule("every 24 hours").onRun(cleanup);

async function cleanup(context) {
  notify("nightly");
}

exports.late = functions.https.onRequest((req, res) => {
  res.send("ok");
  audit("late");
});
