const { db } = require("./services");

// redshift-loader style: a named function that answers through context is handed on bound to the
// arguments it needs first (`finish.bind(undefined, ...)`); the lookup calls it back with (err, item).
exports.handler = function (event, context) {
  function finish(prefix, id, err, item) {
    if (err) {
      context.done(err);
    } else {
      context.done(null, { prefix: prefix, id: id, text: item.text });
    }
  }
  function lookup(id) {
    db.get(id, finish.bind(undefined, "loaded", id));
  }
  lookup(event.id);
};
