"use strict";

const AWS = require("aws-sdk");
const { db, api, audit } = require("./services");

const s3 = new AWS.S3();
const lambda = new AWS.Lambda();

// Two parameters, answering through context.succeed/fail inside a node-style callback.
exports.nested = (event, context) => {
  db.get(event.id, (err, item) => {
    if (err) return context.fail(err);
    context.succeed(item);
  });
};

// context.succeed/fail in a promise chain.
exports.chain = function (event, context) {
  db.load(event.id)
    .then((item) => context.succeed({ found: item }))
    .catch((err) => context.fail(err));
};

// context.succeed/fail handed on as values.
exports.chainRefs = (event, context) => {
  db.load(event.id).then(context.succeed).catch(context.fail);
};

// context.done as a node-style callback.
exports.getObject = (event, context) => {
  s3.getObject({ Bucket: "photos", Key: event.key }, context.done);
};

exports.invoke = function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false;
  lambda.invoke({ FunctionName: "resize", Payload: event.key }, context.done);
};

// The callback handed on as a value.
exports.catchCallback = (event, context, callback) => {
  db.load(event.id).then((item) => callback(null, { found: item })).catch(callback);
};

exports.apiGet = (event, context, callback) => {
  api.get(event.path, callback);
};

// A path that ends without calling back: the old runtime answered null.
exports.quiet = (event, context, callback) => {
  db.get(event.id, (err, item) => {
    if (err) {
      audit.note(`lookup failed: ${err.message}`);
      return;
    }
    callback(null, item);
  });
};

// Called twice on a path: the first call wins, the code after it still runs.
exports.twice = (event, context, callback) => {
  if (event.early) callback(null, "early");
  audit.note("after the first call");
  callback(null, "late");
};

exports.ternary = (event, context, callback) => {
  event.ok ? callback(null, "yes") : callback(new Error("no"));
};

// context.succeed answered at once (it never waited for the event loop): the lookup escaped then, as it does now.
exports.succeedThenWork = (event, context) => {
  context.succeed("early");
  db.get(event.id, (err, item) => context.done(err, item));
};

exports.succeedThenLog = function (event, context) {
  context.succeed({ ok: true });
  audit.note("answered");
  context.done(new Error("ignored"));
};
