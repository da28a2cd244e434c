"use strict";

const queue = require("./queue");

/** Named by serverless.yml, so it is a handler whatever its parameters are called. */
module.exports.run = function (payload, lambdaContext, done) {
  lambdaContext.callbackWaitsForEmptyEventLoop = false;
  queue.next(payload.queue, function (err, job) {
    if (err) {
      return done(err);
    }
    if (!job) {
      return done(null, { idle: true });
    }
    done(null, { ran: job.id });
  });
};

/** Not named by serverless.yml: three parameters, but not a handler. */
module.exports.merge = function (a, b, c) {
  return Object.assign({}, a, b, c);
};
