var db = require('./db');

// The answering function is exported too: whoever calls it, inside this invocation or not, answers through the store.
var theContext;

exports.post = function(event, context) {
  theContext = context;
  db.putItem({ message: event.message }, dynamoCallback);
};

function dynamoCallback(err) {
  if (err) return theContext.fail(err);
  theContext.succeed();
}

exports.onResult = dynamoCallback;

// A path that never answers: the old runtime answered null once the event loop was empty.
var lastContext;

exports.get = function(event, context) {
  lastContext = context;
  db.getItem({ id: event.id }, gotItem);
};

function gotItem(err, item) {
  if (err) lastContext.fail(err);
  else if (item.id !== "skip") lastContext.succeed(item);
}

// Two handlers store into the same variable.
var shared;

exports.first = function(event, context) {
  shared = context;
  db.getItem({ id: 1 }, answer);
};

exports.second = function(event, context) {
  shared = context;
  db.getItem({ id: 2 }, answer);
};

function answer(err, item) {
  if (err) return shared.fail(err);
  shared.succeed(item);
}

// Answered inside the handler itself, through the stored name.
var saved;

exports.update = function(event, context) {
  saved = context;
  db.putItem({ message: event.message }, function(err) {
    report(saved, err);
  });
};

function report(ctx, err) {
  if (err) ctx.fail(err);
  else ctx.succeed("updated");
}

// Followed, but the handler stays as it is for a reason of its own: the answers through the store are reported too.
var keptContext;

exports.kept = async function(event, context) {
  keptContext = context;
  db.getItem({ id: event.id }, gotKept);
};

function gotKept(err, item) {
  if (err) return keptContext.fail(err);
  keptContext.succeed(item);
}
