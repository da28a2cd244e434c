const { db, audit } = require("./services");

// `return;` after a lookup that calls back may have started on this path: the old runtime waited for
// the lookup and answered with it, so the quiet end cannot become `return resolve()`.
exports.lookupOrNothing = (event, context, callback) => {
  if (event.id) {
    db.get(event.id, (err, item) => callback(err, item));
  }
  return;
};

// The same inside a nested callback: the inner lookup may still be running at the quiet end.
exports.nestedQuiet = (event, context, callback) => {
  db.get(event.id, function (err, item) {
    if (item && item.ref) {
      db.get(item.ref, (e, other) => callback(e, other));
    }
    if (err) return;
    audit.note("found");
  });
};

// callback(null, x) after a lookup started on this path: the old runtime answered x once the lookup
// was done; a promise answers at once and the lookup escapes.
exports.answerAfterWork = (event, context, callback) => {
  if (event.ref) {
    db.get(event.ref, (err, other) => callback(err, other));
  }
  callback(null, "now");
};

// The missing else comes after a lookup that may have started: it cannot become `else { resolve(); }`.
exports.pendingElse = (event, context, callback) => {
  if (event.ref) db.get(event.ref, (err, other) => callback(err, other));
  if (event.id) {
    callback(null, event.id);
  }
};
