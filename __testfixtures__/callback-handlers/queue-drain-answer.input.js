const async = require("async");
const sink = require("./sink");

// The answer lies only in the queue's drain (async 1.x/2.x: assigned), which runs once a pushed record
// has been sent: with no record nothing is pushed and drain never runs (the old runtime answered null
// once the event loop was empty).
exports.forward = function (event, context) {
  const queue = async.queue((record, done) => sink.send(record, done), 2);
  queue.drain = function () {
    context.succeed(`sent ${event.Records.length}`);
  };
  event.Records.forEach((record) => {
    queue.push(record, (err) => {
      if (err) console.error(err);
    });
  });
};

// async 3.x: drain is a method that registers the function.
exports.forwardV3 = function (event, context) {
  const queue = async.queue((record, done) => sink.send(record, done), 2);
  queue.drain(function () {
    context.succeed(`sent ${event.Records.length}`);
  });
  event.Records.forEach((record) => {
    queue.push(record, (err) => {
      if (err) console.error(err);
    });
  });
};

// The same with the callback, in an arrow function assigned to the member.
exports.forwardCallback = (event, context, callback) => {
  const queue = async.queue((record, done) => sink.send(record, done));
  queue.drain = () => callback(null, { sent: event.Records.length });
  for (const record of event.Records) queue.push(record, (err) => err && console.error(err));
};

// Any function assigned to a member: nothing proves the object calls it.
exports.load = (event, context, callback) => {
  const loader = sink.loader(event.url);
  loader.onload = function () {
    callback(null, loader.body);
  };
};

// A helper given the context answers only in the drain it sets.
function answerWhenDrained(queue, context) {
  queue.drain = function () {
    context.succeed("drained");
  };
}

exports.viaHelper = function (event, context) {
  const queue = async.queue((record, done) => sink.send(record, done));
  answerWhenDrained(queue, context);
  event.Records.forEach((record) => queue.push(record, () => {}));
};

// The callback handed to a helper that calls it only in the drain it sets.
function sendAll(records, callback) {
  const queue = async.queue((record, done) => sink.send(record, done));
  queue.drain = function () {
    callback(null, `sent ${records.length}`);
  };
  records.forEach((record) => queue.push(record, () => {}));
}

exports.viaCallbackHelper = (event, context, callback) => {
  sendAll(event.Records, callback);
};
