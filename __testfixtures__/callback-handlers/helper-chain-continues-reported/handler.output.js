const db = require("./db");

// Runs the work on a connection, then closes it: the close starts once the work's promise has settled.
function withConnection(work) {
  const conn = db.connect();
  return conn.then(work).finally(() => conn.then((c) => c.close()));
}

// Hands the work on to withConnection.
function openAndRun(work) {
  return withConnection(work);
}

// The answer is made in the work: the old runtime waited for the close (the event loop) before it answered.
exports.lookup = (event, context, callback) => {
  withConnection((conn) => conn.find(event.id).then((item) => callback(null, item)));
};

// The same through a function that hands the work on.
exports.nested = (event, context, callback) => {
  openAndRun((conn) => conn.find(event.id).then((item) => callback(null, item)));
};

// Only a .catch follows the work: when the lookup fails it logs, and the old runtime answered null once the
// event loop was empty, where the promise would never settle.
function runLogged(work) {
  return db.connect().then(work).catch((err) => console.error(err.message));
}

exports.logged = (event, context, callback) => {
  runLogged((conn) => conn.find(event.id).then((item) => callback(null, item)));
};

// Nothing of the helper's chain follows the work: this one converts.
function runOnly(work) {
  return db.connect().then(work);
}

exports.plain = async (event, context) => {
  return new Promise((resolve, reject) => {
    runOnly((conn) => conn.find(event.id).then((item) => resolve(item)));
  });
};
