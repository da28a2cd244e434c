"use strict";

const serverless = require(process.env.LOCAL_SOURCE ? "../../index" : "aws-serverless-express");
const { app } = require("./app");

const server = serverless.createServer(app);

module.exports.connect = async (event, context) => {
  return { statusCode: 200, body: "Connected." };
};

/** Not named by serverless.yml, but of the unmistakable (event, context, callback) shape: a handler too. */
module.exports.disconnect = async (event, context) => {
  return { statusCode: 200, body: "Disconnected." };
};

/** The wrapper package, required through a condition, is still the wrapper. */
module.exports.api = (event, context) => serverless.proxy(server, event, context, "PROMISE").promise;

/** Three parameters, but no handler's names: left alone. */
module.exports.merge = function (a, b, c) {
  return Object.assign({}, a, b, c);
};
