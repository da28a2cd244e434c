"use strict";

const awsServerlessExpress = require("aws-serverless-express");
const { db } = require("./services");
const app = require("./app");

const server = awsServerlessExpress.createServer(app);

exports.timer = (event, context, callback) => {
  setTimeout(() => console.log("flushed"), 100);
  callback(null, "ok");
};

exports.stored = (event, context, callback) => {
  const done = callback;
  db.get(event.id, (err, item) => done(err, item));
};

exports.each = (event, context, callback) => {
  event.ids.forEach((id) => callback(null, id));
};

exports.args = function (event, context, callback) {
  console.log(arguments.length);
  callback(null, "ok");
};

exports.nodeStyle = (event, context, callback) => {
  db.put(event.item, (err) => {
    if (err) console.error(err);
  });
  callback(null, "queued");
};

exports.succeedStored = (event, context) => {
  const succeed = context.succeed;
  succeed("ok");
};

exports.handoffThenCall = (event, context, callback) => {
  db.get(event.id, (err, item) => callback(err, item));
  callback(null, "early");
};

exports.express = (event, context) => { awsServerlessExpress.proxy(server, event, context); console.log("proxied"); };

exports.ignoredReturn = (event, context, callback) => {
  if (!event.ok) return "the old runtime ignored this";
  callback(null, "ok");
};

exports.asyncHandsOn = async (event, context, callback) => {
  db.get(event.id, callback);
};
