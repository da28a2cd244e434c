var db = require('./services').db;

// Also run from a script of its own (local.js): whether a deployment names it is not settle's to tell either,
// but that caller is outside every invocation.
module.exports = {
  removeUsers: function(event, context, doneCallback) {
    db.get(event.id, function(err) {
      doneCallback(err);
    });
  }
};
