const { db, audit } = require("./services");

// Named functions of the handler answer through its context (awslabs/aws-lambda-redshift-loader style):
// they settle where they are called, not where they are declared.
exports.handler = function (event, context) {
  function fail(err) {
    audit.note("failed: " + err.message);
    context.done(err, "failed");
  }

  function lookup(id) {
    db.get(id, function (err, item) {
      if (err) {
        fail(err);
      } else {
        context.done(null, item);
      }
    });
  }

  if (!event.id) {
    context.succeed(null);
  } else {
    lookup(event.id);
  }
};

function check(event, cb) {
  if (!event.id) return cb("missing id");
  cb(null, event.id);
}

// A const function around the callback, called and handed on (aws-samples slack-echo-command style).
exports.respond = (event, context, callback) => {
  const done = (err, res) => callback(null, { statusCode: err ? 400 : 200, body: err || res });
  db.get("config", (err) => {
    if (err) return done(err.message);
    check(event, done);
  });
};
