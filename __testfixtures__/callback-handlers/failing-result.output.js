const { db, audit } = require("./services");

// redshift-loader style: a failing context.done whose result argument has an effect. The old
// runtime ignored that value but still evaluated it, so the rewrite keeps its evaluation first.
exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.get(event.id, function (err, item) {
      if (err) {
        audit.note(err.message); reject(err);
      } else {
        resolve(item);
      }
    });
  });
};

exports.direct = async function (event, context) {
  const missing = new Error("no id");
  if (!event.id) { audit.note("missing"); throw missing; }
  return "ok";
};

exports.arrow = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err, item) => {
      if (err) { audit.note("arrow"); reject(err); }
      else resolve(item);
    });
  });
};

exports.trailing = async function (event, context) {
  const failure = new Error("always");
  audit.note("first");
  audit.note("after");
  throw failure;
};

// The error may be null, and the result only builds data (a const arrow returning an object):
// skipping it on a failure changes nothing, so the usual `err != null` test is written.
const describe = (item) => ({ found: !!item, text: item && item.text });
exports.built = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.get(event.id, function (err, item) {
      if (err != null) reject(err); else resolve(describe(item));
    });
  });
};
