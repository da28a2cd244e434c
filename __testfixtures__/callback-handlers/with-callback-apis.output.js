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
exports.delayed = async (event, context) => {
  note("start");
  await new Promise((resolve) => setTimeout(resolve, 20));
  note("flushed");
  return "ok";
};

// The callback mutates the result: the old runtime serialized it once the write was done.
exports.spool = async (event, context) => {
  const receipt = { id: event.id, spooled: false };
  writeFile: {
    try {
      await fs.promises.writeFile(`/tmp/${event.id}.json`, JSON.stringify(receipt));
    } catch {
      note("spool failed");
      break writeFile;
    }
    receipt.spooled = true;
    note("spooled");
  }
  return receipt;
};

exports.answerFirst = async (event, context) => {
  if (!event.id) throw new Error("id required");
  const result = { id: event.id };
  await new Promise((resolve) => setTimeout(resolve, 5));
  note("after answer");
  return result;
};
