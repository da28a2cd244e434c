const { db, audit } = require("./services");

// The wait is off first: callback(null, x) answered at once, so the lookup after it escaped then too.
exports.answerThenWork = async (event, context) => {
  return new Promise((resolve, reject) => {
    resolve("early");
    db.get(event.id, (err, item) => (err != null ? reject(err) : resolve(item)));
  });
};

// Two lookups in flight: with the wait off, the first to call back answered.
exports.siblings = async function (event, context) {
  audit.note("start");
  return new Promise((resolve, reject) => {
    db.get(event.a, (err, a) => {
      if (err) return reject(err);
      resolve(a);
    });
    db.get(event.b, (err, b) => (err != null ? reject(err) : resolve(b)));
  });
};
