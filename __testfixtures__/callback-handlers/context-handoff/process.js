"use strict";

const { lookup } = require("./store");

exports.processEvent = function processEvent(records, lambdaContext) {
  lookup(records[0].id, function (err, item) {
    if (err) {
      lambdaContext.done(err);
      return;
    }
    lambdaContext.succeed({ id: item.id, count: records.length });
  });
};
