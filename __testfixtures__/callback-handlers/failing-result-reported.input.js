const { db, audit } = require("./services");

// The result argument reassigns the error before it is reported: evaluating it first and then
// throwing the variable would report the new value, so settle reports this call.
exports.reassigned = function (event, context) {
  db.get(event.id, function (err, item) {
    function describe() {
      err = new Error("wrapped");
      return "described";
    }
    if (err) {
      context.done(err, describe());
    } else {
      context.done(null, item);
    }
  });
};

// The error may be null: `if (err != null) throw err; return audit.note(item);` would skip the
// note on a failure, which the old runtime evaluated on both outcomes.
exports.either = function (event, context) {
  db.get(event.id, function (err, item) {
    context.done(err, audit.note(item));
  });
};
