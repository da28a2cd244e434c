const async = require("async");
const lambda = require("./lambda");

// async.map's final callback runs at the first failed invocation while the others are still being
// sent; callback(null, …) on that path waited for them in the old runtime.
exports.invokeAll = (event, context, callback) => {
  async.map(event.batches, lambda.invoke, function (err, results) {
    if (err) {
      console.error(err);
      callback(null, "invocation error");
      return;
    }
    callback(null, `invoked ${results.length}`);
  });
};

// The same in a parallel Limit form (more than one at a time), with no test of the error at all.
exports.invokeSome = (event, context, callback) => {
  async.eachLimit(event.batches, 3, lambda.invoke, () => {
    callback(null, "done");
  });
};

// detect answers as soon as one item passes, while the others are still running, even without an error.
exports.findFirst = (event, context, callback) => {
  async.detect(event.batches, lambda.check, (err, found) => {
    callback(err, found);
  });
};

// Handed on as detect's final callback.
exports.findFirstHanded = (event, context, callback) => {
  async.detect(event.batches, lambda.check, callback);
};

// Through a named function of the handler that calls back.
exports.invokeAllNamed = (event, context, callback) => {
  function finish(message) {
    callback(null, message);
  }
  async.map(event.batches, lambda.invoke, (err) => {
    if (err) return finish("invocation error");
    finish("invoked");
  });
};

// The test in a nested callback reads its own err, not the final callback's.
exports.invokeThenSave = (event, context, callback) => {
  async.map(event.batches, lambda.invoke, (err, results) => {
    lambda.save(results, (err) => {
      if (err) return callback(err);
      callback(null, "saved");
    });
  });
};

// A named function of the handler as the final callback.
exports.invokeAllFinish = (event, context, callback) => {
  function finish(err, results) {
    if (err) {
      callback(null, "invocation error");
      return;
    }
    callback(null, `invoked ${results.length}`);
  }
  async.map(event.batches, lambda.invoke, finish);
};
