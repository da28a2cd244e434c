const { db } = require("./services");

// Set after the callback: callback(null, x) had already waited for the lookup.
exports.setAfter = (event, context, callback) => {
  callback(null, "early");
  context.callbackWaitsForEmptyEventLoop = false;
  db.get(event.id, (err, item) => callback(err, item));
};

// Set only on one branch: on the other the old runtime waited for the lookup.
exports.setInIf = (event, context, callback) => {
  if (event.fast) {
    context.callbackWaitsForEmptyEventLoop = false;
  }
  callback(null, "early");
  db.get(event.id, (err, item) => callback(err, item));
};

// Set to true: the old runtime's default, it waited for the lookup.
exports.setTrue = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = true;
  callback(null, "early");
  db.get(event.id, (err, item) => callback(err, item));
};
