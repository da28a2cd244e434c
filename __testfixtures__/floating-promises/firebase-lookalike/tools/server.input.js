// A package without firebase-functions or the functions framework: `http(name, fn)` is a router of its own.
const { http, onRequest } = require("./router.js");
const { audit } = require("../src/store.js");

http("report", (req, res) => {
  audit("report");
  res.end();
});

exports.hook = onRequest((req, res) => {
  audit("hook");
  res.end();
});
