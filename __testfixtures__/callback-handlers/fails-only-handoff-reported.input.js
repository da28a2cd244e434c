const { db } = require("./services");

// Calls back with an error later, from the lookup's callback: work the old runtime waited for.
function checkLater(id, callback) {
  db.get(id, function (err) {
    if (err) callback("lookup failed");
  });
}

exports.later = (event, context, callback) => {
  checkLater(event.id, callback);
  db.get(event.other, (err, item) => callback(err, item));
};

// Calls back with an error that may be null: that is a success answer, which waited for the lookup after it.
function check(id, callback) {
  var err = id ? null : new Error("no id");
  callback(err);
}

exports.maybe = (event, context, callback) => {
  check(event.id, callback);
  db.get(event.other, (err, item) => callback(err, item));
};
