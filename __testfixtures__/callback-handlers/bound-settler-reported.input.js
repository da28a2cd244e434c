const { db } = require("./services");

// The bound function is stored before it is handed on: settle does not follow where it is called.
exports.stored = function (event, context) {
  function finish(id, err, item) {
    if (err) {
      context.done(err);
    } else {
      context.done(null, item);
    }
  }
  var bound = finish.bind(null, event.id);
  db.get(event.id, bound);
};
