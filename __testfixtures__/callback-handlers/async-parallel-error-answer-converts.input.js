const async = require("async");
const lambda = require("./lambda");

// One at a time (mapSeries, eachLimit with a limit of 1): nothing else runs when the final callback
// gets the error, so the old runtime's wait had nothing to wait for.
exports.invokeInTurn = (event, context, callback) => {
  async.mapSeries(event.batches, lambda.invoke, (err, results) => {
    if (err) {
      callback(null, "invocation error");
      return;
    }
    callback(null, `invoked ${results.length}`);
  });
};

exports.invokeOneByOne = (event, context, callback) => {
  async.eachLimit(event.batches, 1, lambda.invoke, (err) => {
    if (err) return callback(null, "invocation error");
    callback(null, "done");
  });
};

// In parallel, answering the error itself (at once in the old runtime too) or after the test on the
// success path (every item done).
exports.invokeAll = (event, context, callback) => {
  async.map(event.batches, lambda.invoke, (err, results) => {
    if (err) return callback(err);
    callback(null, `invoked ${results.length}`);
  });
};

exports.invokeAllEither = (event, context, callback) => {
  async.map(event.batches, lambda.invoke, (err, results) => callback(err, results));
};

// A named function of the handler as the final callback, answering the error itself.
exports.invokeAllFinish = (event, context, callback) => {
  function finish(err, results) {
    if (err) return callback(err);
    callback(null, `invoked ${results.length}`);
  }
  async.map(event.batches, lambda.invoke, finish);
};
