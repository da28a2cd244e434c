// A module of the project's own that is named like the SDK, and a local `onRequest`.
const functions = require("./functions.js");
const { audit } = require("./store.js");

function onRequest(handler) {
  return (req, res) => handler(req, res);
}

exports.api = onRequest((req, res) => {
  audit("api");
  res.send("ok");
});

exports.legacy = functions.https.onRequest((req, res) => {
  audit("legacy");
  res.send("ok");
});
