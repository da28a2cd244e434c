const { db, audit } = require("./services");

// redshift-loader style: a failing context.done whose result argument has an effect. The old
// runtime ignored that value but still evaluated it, so the rewrite keeps its evaluation first.
exports.handler = function (event, context) {
  db.get(event.id, function (err, item) {
    if (err) {
      context.done(err, audit.note(err.message));
    } else {
      context.done(null, item);
    }
  });
};

exports.direct = function (event, context, callback) {
  const missing = new Error("no id");
  if (!event.id) return callback(missing, audit.note("missing"));
  callback(null, "ok");
};

exports.arrow = (event, context) => {
  db.get(event.id, (err, item) => {
    if (err) context.done(err, audit.note("arrow"));
    else context.succeed(item);
  });
};

exports.trailing = function (event, context, callback) {
  const failure = new Error("always");
  callback(failure, audit.note("first"));
  audit.note("after");
};

// The error may be null, and the result only builds data (a const arrow returning an object):
// skipping it on a failure changes nothing, so the usual `err != null` test is written.
const describe = (item) => ({ found: !!item, text: item && item.text });
exports.built = function (event, context) {
  db.get(event.id, function (err, item) {
    context.done(err, describe(item));
  });
};
