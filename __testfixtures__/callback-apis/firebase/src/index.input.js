const fs = require("node:fs");
const functions = require("firebase-functions/v1");

exports.late = functions.https.onRequest((req, res) => {
  res.send("ok");
  setTimeout(() => console.log("late"), 100);
});

exports.save = functions.https.onRequest((req, res) => {
  fs.writeFile("/tmp/last.json", JSON.stringify(req.body), (err) => {
    if (err) console.error(err);
  });
  res.send("saved");
});
