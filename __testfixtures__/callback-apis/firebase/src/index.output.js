const fs = require("node:fs");
const functions = require("firebase-functions/v1");

exports.late = functions.https.onRequest((req, res) => {
  res.send("ok");
  setTimeout(() => console.log("late"), 100);
});

exports.save = functions.https.onRequest(async (req, res) => {
  try {
    await fs.promises.writeFile("/tmp/last.json", JSON.stringify(req.body));
  } catch (err) {
    console.error(err);
  }
  res.send("saved");
});
