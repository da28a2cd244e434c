"use strict";

const fs = require("fs");
const { db, note } = require("./services");

// Reported: awaiting would change the order of effects or the answer, or callback-apis has no rewrite.
exports.counted = (event, context, callback) => {
  let count = 0;
  setTimeout(() => {
    count += 1;
  }, 10);
  callback(null, { count });
};

exports.logged = (event, context, callback) => {
  setTimeout(() => note("timer"), 10);
  note("sync");
  callback(null, "ok");
};

exports.two = (event, context, callback) => {
  setTimeout(() => note("slow"), 20);
  setTimeout(() => note("fast"), 10);
  callback(null, "ok");
};

exports.untyped = (event, context, callback) => {
  db.put(event.item, (err) => {
    if (err) note("put failed");
  });
  callback(null, "queued");
};

exports.failing = (event, context, callback) => {
  setTimeout(() => note("late"), 10);
  callback(new Error("no"));
};

async function audit(entry) {
  note(entry);
}

// Its callback starts a promise: only floating-promises, not in this case's run, would await it.
exports.audited = (event, context, callback) => {
  callback(null, "ok");
  setTimeout(() => audit("late"), 5);
};

// The old runtime did not wait: it sent `state` before the timer could change it.
exports.noWait = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  const state = { flushed: false };
  callback(null, state);
  setTimeout(() => {
    state.flushed = true;
  }, 5);
};

// The old runtime answered once the timer had run; awaited, it still runs before the answer.
exports.delayed = (event, context, callback) => {
  note("start");
  setTimeout(() => {
    note("flushed");
  }, 20);
  callback(null, "ok");
};

// The callback mutates the result: the old runtime serialized it once the write was done.
exports.spool = (event, context, callback) => {
  const receipt = { id: event.id, spooled: false };
  fs.writeFile(`/tmp/${event.id}.json`, JSON.stringify(receipt), (err) => {
    if (err) {
      note("spool failed");
      return;
    }
    receipt.spooled = true;
    note("spooled");
  });
  callback(null, receipt);
};

exports.answerFirst = (event, context, callback) => {
  if (!event.id) return callback(new Error("id required"));
  callback(null, { id: event.id });
  setTimeout(() => note("after answer"), 5);
};
