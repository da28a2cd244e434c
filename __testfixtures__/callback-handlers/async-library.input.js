const async = require('async');
const db = require('./db');

// Steps hand their results on; the final callback answers.
exports.waterfall = (event, context, callback) => {
  async.waterfall([
    (next) => db.load(event.id, next),
    (item, next) => db.save({ ...item, seen: true }, next),
  ], (err, saved) => {
    if (err) return callback(err);
    callback(null, { saved });
  });
};

exports.series = function (event, context, callback) {
  async.series([
    (done) => db.save({ id: 'a' }, done),
    (done) => db.save({ id: 'b' }, done),
  ], function (err, results) {
    callback(err, results);
  });
};

exports.each = (event, context, callback) => {
  async.each(event.ids, (id, done) => db.remove(id, done), (err) => {
    if (err) {
      callback(err);
    } else {
      callback(null, `removed ${event.ids.length}`);
    }
  });
};

exports.parallel = (event, context, callback) => {
  async.parallel({
    a: (done) => db.load('a', done),
    b: (done) => db.load('b', done),
  }, (err, found) => {
    if (err) return callback(err);
    callback(null, [found.a.id, found.b.id]);
  });
};
