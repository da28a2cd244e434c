var db = require('./db');

// Also run by a script with a context of its own (cli.js): not only handlers call it, no note.
module.exports = function purge(event, context, cb) {
  db.purge(event.id, cb);
};
