var db = require('./db');

module.exports = runBuild;

function runBuild(buildData, context, cb) {
  db.save(buildData, function(err) {
    if (err) return cb(err);
    cb(null, buildData.id);
  });
}
