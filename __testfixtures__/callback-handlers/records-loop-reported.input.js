const { db } = require("./services");

// Not the handler's event.Records, and of unknown type: may not be an array whose forEach calls back at once.
exports.items = function (event, context) {
  event.items.forEach(function (item) {
    save(item, context);
  });
};

// Work after the loop: the old runtime waited for it too before answering null.
exports.after = function (event, context) {
  event.Records.forEach(function (record) {
    save(record, context);
  });
  db.get("audit", function () {});
};

// The answer starts inside work the loop starts: when the loop ends, nobody knows yet whether one will come.
exports.nested = function (event, context) {
  event.Records.forEach(function (record) {
    db.get(record.id, function (err, item) {
      if (item) save(item, context);
    });
  });
};

// Answered through the callback: the old runtime waited for the event loop after callback(null, x).
exports.callbackStyle = function (event, context, callback) {
  event.Records.forEach(function (record) {
    if (record.bad) callback(new Error("bad record"));
  });
};

function save(item, context) {
  db.get(item.id, function (err) {
    if (err) return context.fail(err);
    context.succeed(item.id);
  });
}

// The answer may not start in the statement that holds it: no place to note that it started.
exports.guarded = function (event, context) {
  event.Records.forEach(function (record) {
    if (record.id) save(record, context);
    record.ok && save(record, context);
  });
};
