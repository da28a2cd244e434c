var db = require('./db');

module.exports = function(event, context, cb) {
  db.load(event.id, cb);
};
