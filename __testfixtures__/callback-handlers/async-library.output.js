const async = require('async');
const db = require('./db');

// Steps hand their results on; the final callback answers.
exports.waterfall = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.waterfall([
      (next) => db.load(event.id, next),
      (item, next) => db.save({ ...item, seen: true }, next),
    ], (err, saved) => {
      if (err) return reject(err);
      resolve({ saved });
    });
  });
};

exports.series = async function (event, context) {
  return new Promise((resolve, reject) => {
    async.series([
      (done) => db.save({ id: 'a' }, done),
      (done) => db.save({ id: 'b' }, done),
    ], function (err, results) {
      if (err != null) reject(err); else resolve(results);
    });
  });
};

exports.each = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.each(event.ids, (id, done) => db.remove(id, done), (err) => {
      if (err) {
        reject(err);
      } else {
        resolve(`removed ${event.ids.length}`);
      }
    });
  });
};

exports.parallel = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.parallel({
      a: (done) => db.load('a', done),
      b: (done) => db.load('b', done),
    }, (err, found) => {
      if (err) return reject(err);
      resolve([found.a.id, found.b.id]);
    });
  });
};
