const https = require("https");
const { db, audit } = require("./services");

// Looks an item up and only logs a failure: the lookup is work the old runtime waited for.
function check(id) {
  db.get(id, function (err, item) {
    if (err) audit.note(err.message);
  });
}

// Never calls back, and the work is started in a function of the project: the old runtime answered
// null once the lookup was done, `async` alone would answer before it.
exports.viaHelper = (event, context, callback) => {
  if (event.id) {
    check(event.id);
  }
};

// The same through forEach: its callback runs before forEach returns.
exports.viaForEach = (event, context, callback) => {
  event.ids.forEach((id) => {
    check(id);
  });
};

// A request with a response callback, and no callback call: null once the response had ended.
exports.post = (event, context, callback) => {
  const req = https.request({ path: event.path, method: "POST" }, function (res) {
    res.on("data", (chunk) => audit.note(chunk));
  });
  req.write("hello");
  req.end();
};

// The callback is called first, and its result handed to the work: the old runtime waited for the load.
exports.answerArgument = (event, context, callback) => {
  db.load(event.id, callback(null, "posted"));
};

var handle = function (event, context, callback) {
  audit.note("handled " + event.id);
};

// Handed to a function that never calls it: null once the loop was empty, a promise would never settle.
exports.handedOn = (event, context, callback) => {
  handle(event, context, callback);
};

// Answers through context.succeed, at once, but one path ends without answering after check(): the old
// runtime answered null there once the lookup was done.
exports.skipPath = function (event, context) {
  if (event.skip) {
    check(event.id);
    return;
  }
  context.succeed("ok");
};

// Answers in the response callback while the body still streams to its "data" listener: the old runtime
// waited for the body (and the notes) before answering.
exports.status = (event, context, callback) => {
  https.get({ path: event.path }, function (res) {
    res.on("data", (chunk) => audit.note(chunk));
    callback(null, res.statusCode);
  });
};

const helpers = { check: check };

// The same function called as a method of a module object.
exports.viaObject = (event, context, callback) => {
  helpers.check(event.id);
};
