"use strict";
const { check } = require("./codes");

// The Lambda callback handed on: the old runtime failed the invocation for any error but null/undefined.
exports.handoff = (event, context, callback) => {
  check(event.id, callback);
};

// The callback's own test is `err != null`.
exports.tested = (event, context, callback) => {
  check(event.id, (err, item) => {
    if (err != null) {
      return callback(new Error(`code ${err}`));
    }
    callback(null, item);
  });
};

// The adapter callback-handlers writes, by hand.
exports.adapter = async (event) => {
  return new Promise((resolve, reject) => {
    check(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
  });
};

// `err ?`: a falsy code is no error here, and stays none.
exports.truthy = async (event) => {
  return new Promise((resolve, reject) => {
    check(event.id, (err, item) => (err ? reject(err) : resolve(item)));
  });
};
