"use strict";

const queue = require("./queue");

/** Named by serverless.yml, so it is a handler whatever its parameters are called. */
module.exports.run = async function (payload, lambdaContext) {
  return new Promise((resolve, reject) => {
    queue.next(payload.queue, function (err, job) {
      if (err) {
        return reject(err);
      }
      if (!job) {
        return resolve({ idle: true });
      }
      resolve({ ran: job.id });
    });
  });
};

/** Not named by serverless.yml: three parameters, but not a handler. */
module.exports.merge = function (a, b, c) {
  return Object.assign({}, a, b, c);
};
