const { db, audit } = require("./services");

function check(id) {
  db.get(id, function (err, item) {
    if (err) audit.note(err.message);
  });
}

// context.succeed answered at once: the lookup started in check() escaped the old runtime too, as it
// escapes the async handler now (late in both).
exports.succeedAtOnce = async (event, context) => {
  check(event.id);
  return "checked";
};
