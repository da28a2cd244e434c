"use strict";
const { check } = require("./codes");

// The Lambda callback handed on: the old runtime failed the invocation for any error but null/undefined.
exports.handoff = async (event, context) => {
  const result = await new Promise((resolve, reject) => check(event.id, (err, result) => (err != null ? reject(err) : resolve(result))));
  return result;
};

// The callback's own test is `err != null`.
exports.tested = async (event, context) => {
  let item;
  try {
    item = await new Promise((resolve, reject) => check(event.id, (err, item) => (err != null ? reject(err) : resolve(item))));
  } catch (err) {
    throw new Error(`code ${err}`);
  }
  return item;
};

// The adapter callback-handlers writes, by hand.
exports.adapter = async (event) => {
  const item = await new Promise((resolve, reject) => check(event.id, (err, item) => (err != null ? reject(err) : resolve(item))));
  return item;
};

// `err ?`: a falsy code is no error here, and stays none.
exports.truthy = async (event) => {
  const item = await new Promise((resolve, reject) => check(event.id, (err, item) => (err ? reject(err) : resolve(item))));
  return item;
};
