const https = require("https");
const metrics = require("./metrics");

// The request starts a chain of listener registrations: the old runtime waited for it (the response
// listener ran before the answer went out), an async handler would answer first.
exports.ping = (event, context, callback) => {
  https.get(event.url).on("response", (res) => {
    res.resume();
    metrics.count(`status:${res.statusCode}`);
  });
  callback(null, "pinged");
};

// Kept in a variable and ended later.
exports.post = (event, context, callback) => {
  const req = https.request(event.options).on("response", (res) => res.resume());
  req.end(event.body);
  callback(null, "posted");
};
