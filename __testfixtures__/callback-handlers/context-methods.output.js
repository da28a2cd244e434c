"use strict";

exports.legacy = async function (event, context) {
  if (!event.name) {
    throw new Error("name required");
  }
  if (event.name === "nobody") {
    throw "handled";
  }
  return { greeting: "Hello, " + event.name };
};

exports.done = async function (event, context) {
  if (event.error != null) throw event.error;
  return { echoed: event.payload };
};

exports.reason = async function (event, context) {
  throw event.reason ?? "handled";
};

exports.pool = async (event, context) => {
  return { pooled: true };
};
