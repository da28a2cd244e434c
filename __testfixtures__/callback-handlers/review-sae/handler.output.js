const zlib = require("zlib");
const { db, audit } = require("./services");

// Review of serverless-app-examples / aws-serverless-workshops (issue 11): converted shapes whose
// rewrite was read as faithful, run under both runtimes.

// A .then that calls back with an error and runs on, reading what the error was about (a throw there
// goes to the .catch, which calls back again): the first call wins in both runtimes.
exports.thenCatch = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.load(event.id).then((item) => {
      const found = event.found;
      if (found.length !== 1) {
        reject(new Error(`found ${found.length}`));
      }
      if (found[0].hidden === true) {
        reject(new Error("hidden"));
      }
      resolve({ text: item.text, first: found[0].name });
    }).catch((err) => {
      console.log(err);
      if (err.message === "db down") {
        reject(new Error("lookup failed"));
      }
      if (err != null) reject(err); else resolve();
    });
  });
};

// callback(null, x) without return, then code that may throw and a second answer: the first wins.
exports.firstWins = async (event, context) => {
  return new Promise((resolve, reject) => {
    if (event.session) {
      resolve({ pass: event.session });
    }
    const host = event.headers.host[0].value;
    resolve({ redirect: `https://${host}/signin` });
  });
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

exports.handedHelper = async (event, context) => {
  return new Promise((resolve, reject) => {
    switch (event.kind) {
      case "discover":
        discover(event, (err, result) => (err != null ? reject(err) : resolve(result)));
        break;
      default:
        reject(new Error(`unsupported ${event.kind}`));
    }
  });
};

// A local `done` that always answers with a response, handed to a callback API.
exports.doneWrapper = async (event, context) => {
  return new Promise((resolve, reject) => {
    const done = (err, res) => resolve({
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
  });
};

// zlib.gunzip's callback answers; JSON.parse in it may throw.
exports.gunzip = async (event, context) => {
  const payload = Buffer.from(event.data, "base64");
  return new Promise((resolve, reject) => {
    zlib.gunzip(payload, (err, res) => {
      if (err) {
        return reject(err);
      }
      const parsed = JSON.parse(res.toString("utf8"));
      resolve(`Successfully processed ${parsed.logEvents.length} log events.`);
    });
  });
};
