"use strict";

const AWS = require("aws-sdk");
const { db, api, audit } = require("./services");

const s3 = new AWS.S3();
const lambda = new AWS.Lambda();

// Two parameters, answering through context.succeed/fail inside a node-style callback.
exports.nested = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err, item) => {
      if (err) return reject(err);
      resolve(item);
    });
  });
};

// context.succeed/fail in a promise chain.
exports.chain = async function (event, context) {
  return new Promise((resolve, reject) => {
    db.load(event.id)
      .then((item) => resolve({ found: item }))
      .catch((err) => reject(err ?? "handled"));
  });
};

// context.succeed/fail handed on as values.
exports.chainRefs = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.load(event.id).then(resolve).catch(reject);
  });
};

// context.done as a node-style callback.
exports.getObject = async (event, context) => {
  return new Promise((resolve, reject) => {
    s3.getObject({ Bucket: "photos", Key: event.key }, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};

exports.invoke = async function (event, context) {
  return new Promise((resolve, reject) => {
    lambda.invoke({ FunctionName: "resize", Payload: event.key }, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};

// The callback handed on as a value.
exports.catchCallback = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.load(event.id).then((item) => resolve({ found: item })).catch(reject);
  });
};

exports.apiGet = async (event, context) => {
  return new Promise((resolve, reject) => {
    api.get(event.path, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};

// A path that ends without calling back: the old runtime answered null.
exports.quiet = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, (err, item) => {
      if (err) {
        audit.note(`lookup failed: ${err.message}`);
        return resolve();
      }
      resolve(item);
    });
  });
};

// Called twice on a path: the first call wins, the code after it still runs.
exports.twice = async (event, context) => {
  return new Promise((resolve, reject) => {
    if (event.early) resolve("early");
    audit.note("after the first call");
    resolve("late");
  });
};

exports.ternary = async (event, context) => {
  return new Promise((resolve, reject) => {
    event.ok ? resolve("yes") : reject(new Error("no"));
  });
};

// context.succeed answered at once (it never waited for the event loop): the lookup escaped then, as it does now.
exports.succeedThenWork = async (event, context) => {
  return new Promise((resolve, reject) => {
    resolve("early");
    db.get(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
  });
};

exports.succeedThenLog = async function (event, context) {
  return new Promise((resolve, reject) => {
    resolve({ ok: true });
    audit.note("answered");
    reject(new Error("ignored"));
  });
};
