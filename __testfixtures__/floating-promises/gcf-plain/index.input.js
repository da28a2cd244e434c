const { audit, notify } = require("./store.js");

exports.helloHttp = (req, res) => {
  audit("hello");
  res.send(`Hello ${req.query.name || "World"}!`);
};

exports.helloEvent = async (data, context) => {
  notify(context.eventId);
};

exports.helloGCS = (file, context, callback) => {
  notify(file.name);
  callback();
};

// Not named by a script: not a function the framework serves.
exports.helper = (req, res) => {
  audit("helper");
  res.end();
};
