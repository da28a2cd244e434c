const async = require("async");
const { db, audit } = require("./services");

// awslabs/aws-lambda-redshift-loader: async.map's iteratee hands its callback to a named function that
// answers the invocation through context.done on one path (failBatch, as context.done answered at once,
// first call wins) and otherwise calls that callback, so the final callback answers once.
exports.handler = function (event, context) {
  function failBatch(reason) {
    audit.note("failing: " + reason);
    db.get("batch", function (err) {
      context.done(new Error(reason));
    });
  }

  function closeBatch(results) {
    if (results.length === 0) {
      context.done(new Error("nothing loaded"));
    } else {
      context.done(null, results);
    }
  }

  function loadCluster(cluster, callback) {
    if (event.remaining < 10000) {
      failBatch("remaining " + event.remaining + " insufficient");
    }
    if (cluster === "direct") {
      return db.get(cluster, callback);
    }
    db.get(cluster, function (err, item) {
      if (err) {
        callback(null, { cluster: cluster, status: "ERROR" });
      } else {
        callback(null, { cluster: item.id, status: "OK" });
      }
    });
  }

  async.map(event.clusters, function (item, callback) {
    loadCluster(item, callback);
  }, function (err, results) {
    if (err) {
      failBatch(err.message);
    } else {
      closeBatch(results);
    }
  });
};

// The iteratee answers the invocation itself on one path, and otherwise calls its own callback.
exports.direct = function (event, context) {
  async.eachSeries(event.ids, function (id, next) {
    if (id === "stop") {
      return context.fail(new Error("stopped at " + id));
    }
    db.get(id, next);
  }, function (err) {
    context.done(err, "all loaded");
  });
};
