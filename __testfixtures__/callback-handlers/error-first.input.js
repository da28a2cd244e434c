"use strict";

const { validate } = require("./validate");

exports.create = function (event, context, callback) {
  if (!event.body) return callback(new Error("missing body"));
  let item;
  try {
    item = JSON.parse(event.body);
  } catch (err) {
    callback(err);
    return;
  }
  if (!validate(item)) {
    callback("invalid item");
    return;
  }
  callback(undefined, { statusCode: 201, body: JSON.stringify(item) });
};

exports.route = (event, context, callback) => {
  switch (event.action) {
    case "ping":
      callback(null, "pong");
      break;
    case "noop":
      callback();
      break;
    default:
      callback({ code: 400, message: `unknown action ${event.action}` });
  }
};

exports.check = (event, context, callback) => {
  if (event.ok) {
    callback(null);
  } else {
    callback(event.error, null);
  }
};

exports.ping = (event, context, callback) => callback(null, { pong: true });

exports.refuse = (event, context, cb) => cb(new Error("not today"));
