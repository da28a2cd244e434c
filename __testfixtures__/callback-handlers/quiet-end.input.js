const { db, audit } = require("./services");

// The error path only logs and falls off the end: the old runtime answered null once the lookup was
// done and nothing else was pending (aws-serverless-workshops tickets-get style).
exports.logOnly = (event, context, callback) => {
  db.get(event.id, function (err, item) {
    if (err)
      audit.note("lookup failed: " + err.message);
    else {
      callback(null, item);
    }
  });
};
