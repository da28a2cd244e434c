var db = require('./db');
var build = require('./build');

module.exports = rebuild;

function rebuild(event, context, cb) {
  db.load(event.id, function(err, buildData) {
    if (err) return cb(err);
    build(buildData, context, cb);
  });
}
