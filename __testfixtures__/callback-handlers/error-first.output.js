"use strict";

const { validate } = require("./validate");

exports.create = async function (event, context) {
  if (!event.body) throw new Error("missing body");
  let item;
  try {
    item = JSON.parse(event.body);
  } catch (err) {
    throw err;
  }
  if (!validate(item)) {
    throw "invalid item";
  }
  return { statusCode: 201, body: JSON.stringify(item) };
};

exports.route = async (event, context) => {
  switch (event.action) {
    case "ping":
      return "pong";
    case "noop":
      return;
    default:
      throw { code: 400, message: `unknown action ${event.action}` };
  }
};

exports.check = async (event, context) => {
  if (event.ok) {
    return;
  } else {
    if (event.error != null) throw event.error;
    return null;
  }
};

exports.ping = async (event, context) => ({ pong: true });

exports.refuse = async (event, context) => { throw new Error("not today"); };
