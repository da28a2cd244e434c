const zlib = require("zlib");
const { db, audit } = require("./services");

// Review of serverless-app-examples / aws-serverless-workshops (issue 11): converted shapes whose
// rewrite was read as faithful, run under both runtimes.

// A .then that calls back with an error and runs on, reading what the error was about (a throw there
// goes to the .catch, which calls back again): the first call wins in both runtimes.
exports.thenCatch = (event, context, callback) => {
  db.load(event.id).then((item) => {
    const found = event.found;
    if (found.length !== 1) {
      callback(new Error(`found ${found.length}`));
    }
    if (found[0].hidden === true) {
      callback(new Error("hidden"));
    }
    callback(null, { text: item.text, first: found[0].name });
  }).catch((err) => {
    console.log(err);
    if (err.message === "db down") {
      callback(new Error("lookup failed"));
    }
    callback(err);
  });
};

// callback(null, x) without return, then code that may throw and a second answer: the first wins.
exports.firstWins = (event, context, callback) => {
  if (event.session) {
    callback(null, { pass: event.session });
  }
  const host = event.headers.host[0].value;
  callback(null, { redirect: `https://${host}/signin` });
};

// The callback handed to a helper that calls it with an error and then again with a result.
function discover(event, callback) {
  const token = event.token.trim();
  if (token === "bad") {
    callback(new Error("invalid token"));
  }
  audit.note(`discovered for ${token}`);
  callback(null, { devices: [token] });
}

exports.handedHelper = (event, context, callback) => {
  switch (event.kind) {
    case "discover":
      discover(event, callback);
      break;
    default:
      callback(new Error(`unsupported ${event.kind}`));
  }
};

// A local `done` that always answers with a response, handed to a callback API.
exports.doneWrapper = (event, context, callback) => {
  const done = (err, res) => callback(null, {
    statusCode: err ? "400" : "200",
    body: err ? err.message : JSON.stringify(res),
  });
  switch (event.method) {
    case "GET":
      db.get(event.id, done);
      break;
    default:
      done(new Error(`Unsupported method "${event.method}"`));
  }
};

// zlib.gunzip's callback answers; JSON.parse in it may throw.
exports.gunzip = (event, context, callback) => {
  const payload = Buffer.from(event.data, "base64");
  zlib.gunzip(payload, (err, res) => {
    if (err) {
      return callback(err);
    }
    const parsed = JSON.parse(res.toString("utf8"));
    callback(null, `Successfully processed ${parsed.logEvents.length} log events.`);
  });
};
