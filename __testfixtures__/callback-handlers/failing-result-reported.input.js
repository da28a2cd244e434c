const { db } = require("./services");

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
