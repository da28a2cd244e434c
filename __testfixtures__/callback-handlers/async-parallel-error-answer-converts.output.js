const async = require("async");
const lambda = require("./lambda");

// One at a time (mapSeries, eachLimit with a limit of 1): nothing else runs when the final callback
// gets the error, so the old runtime's wait had nothing to wait for.
exports.invokeInTurn = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.mapSeries(event.batches, lambda.invoke, (err, results) => {
      if (err) {
        resolve("invocation error");
        return;
      }
      resolve(`invoked ${results.length}`);
    });
  });
};

exports.invokeOneByOne = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.eachLimit(event.batches, 1, lambda.invoke, (err) => {
      if (err) return resolve("invocation error");
      resolve("done");
    });
  });
};

// In parallel, answering the error itself (at once in the old runtime too) or after the test on the
// success path (every item done).
exports.invokeAll = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.map(event.batches, lambda.invoke, (err, results) => {
      if (err) return reject(err);
      resolve(`invoked ${results.length}`);
    });
  });
};

exports.invokeAllEither = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.map(event.batches, lambda.invoke, (err, results) => (err != null ? reject(err) : resolve(results)));
  });
};

// A named function of the handler as the final callback, answering the error itself.
exports.invokeAllFinish = async (event, context) => {
  return new Promise((resolve, reject) => {
    function finish(err, results) {
      if (err) return reject(err);
      resolve(`invoked ${results.length}`);
    }
    async.map(event.batches, lambda.invoke, finish);
  });
};
