// Library source: the handler that hands it a context is built at run time (serverless-express's make-resolver.js).
function makeResolver({ context, callback, promise, resolutionMode }) {
  return {
    succeed: ({ response }) => {
      if (resolutionMode === "CONTEXT") return context.succeed(response);
      if (resolutionMode === "CALLBACK") return callback(null, response);
      return promise.resolve(response);
    },
    fail: ({ error }) => {
      if (resolutionMode === "CONTEXT") return context.fail(error);
      if (resolutionMode === "CALLBACK") return callback(error, null);
      return promise.reject(error);
    },
  };
}

// No handler reaches it: settle cannot tell whose context this is.
function finish(context, result) {
  context.done(null, result);
}

// Look-alikes: not a Lambda context.
function chain(job, deferred) {
  job.done(() => deferred.succeed());
}

module.exports = { makeResolver, finish, chain };
