const AWS = require("aws-sdk");
const { exec } = require("child_process");
const logger = require("./logger");
const { audit, lookup } = require("./services");

const dynamo = new AWS.DynamoDB();
const s3 = new AWS.S3();
var failure = "error";

// Must stay reported: an effect between the answer and the throw (the old runtime ran it after answering).
exports.effectFirst = function (event, context) {
  dynamo.getItem({ Key: event.key }, function (err, data) {
    if (err) {
      context.fail(err);
    }
    audit.record("looked up");
    var item = data.Item;
    context.succeed(item.name);
  });
};

// Must stay reported: the branch is also taken without an error, when the data is there to read.
exports.maybeFalsy = function (event, context) {
  dynamo.getItem({ Key: event.key }, function (err, data) {
    if (err || !data.Item.ready) {
      context.fail("not ready");
    }
    var item = data.Item;
    context.succeed(item.name);
  });
};

// Must stay reported: exec calls back with stdout on an error too, so the read need not throw.
exports.notNullOnError = function (event, context) {
  exec(event.command, function (err, stdout) {
    if (err) {
      context.fail(err);
    }
    const lines = stdout.split("\n");
    context.succeed(lines.length);
  });
};

// Must stay reported: a callback whose API settle does not know (is its result null on an error?).
exports.unknownApi = function (event, context) {
  lookup(event.id, function (err, item) {
    if (err) {
      context.fail(err);
    }
    var name = item.name;
    context.succeed(name);
  });
};

// Must stay reported: a named function called with a live error, and a result that is there.
exports.namedLive = function (event, context) {
  function found(err, data) {
    if (err) {
      context.fail(err);
    }
    var config = data.Item;
    context.succeed(config.table);
  }
  dynamo.getItem({ Key: event.key }, function (err, data) {
    found(err, { Item: data });
  });
};

// Must stay reported: a log after the branch that may throw (it reads a property of a name nothing showed set).
exports.riskyLog = function (event, context) {
  dynamo.getItem({ Key: event.key }, function (err, data) {
    if (err) {
      context.fail(err);
    }
    logger.info(`for ${event.key.id}`);
    var item = data.Item;
    context.succeed(item.name);
  });
};

// Must stay reported: a named function called with an error and a null result: the throw went up to the caller
// and skipped the rest of it (the audit record), which a return would run.
exports.namedNullResult = function (event, context) {
  function found(err, data) {
    if (err) {
      context.fail(err);
    }
    var config = data.Item;
    context.succeed(config.table);
  }
  dynamo.getItem({ Key: event.key }, function (err, data) {
    found(err ? "lookup failed" : null, err ? null : data);
    audit.record("looked up");
  });
};

// An AWS SDK v2 callback: on an error its data is null, so the old runtime answered the error at once, logged,
// threw reading data.Item (which only ended the process) and ran nothing after. Ends the path at the answer.
exports.sdkGet = function (event, context) {
  dynamo.getItem({ Key: event.key }, function (err, data) {
    if (err) {
      logger.error(err);
      context.fail(err);
    }
    logger.info("looked up");
    var item = data.Item;
    audit.record(item.name);
    context.succeed(item.name);
  });
};

// The same through the callback's error.
exports.viaCallback = function (event, context, callback) {
  s3.getObject({ Key: event.key }, function (err, data) {
    if (err) {
      callback(err);
    }
    const body = data.Body.toString();
    callback(null, body);
  });
};

// A named function called only with a null error (lambda-redshift-loader's foundConfig): its error branch never
// runs (it ends at the answer all the same); the log after it reads a parameter the path read before.
exports.named = function (event, context) {
  function found(info, err, data) {
    if (err) {
      logger.error(err);
      var msg = `no configuration for ${info.prefix}`;
      logger.error(msg);
      context.done(failure, msg);
    }
    logger.info(`found configuration for ${info.prefix}`);
    var config = data.Item;
    context.done(null, config.table);
  }
  dynamo.getItem({ Key: event.prefix }, function (err, data) {
    if (err) {
      context.done(err, JSON.stringify(err));
    } else {
      found({ prefix: event.prefix }, null, data);
    }
  });
};
