const { db } = require("./services");

// An Array map() callback may run any number of times: stays reported.
exports.eachItem = (event, context, callback) => {
  event.ids.map((id) => {
    db.get(id, (err, item) => callback(err, item));
  });
};

// A method called map on something else than the async library, with three arguments: stays reported.
exports.lookalike = (event, context, callback) => {
  db.map(event.ids, 2, (err, items) => {
    callback(err, items);
  });
};

// The iteratee of async.map answers the invocation (once per item): stays reported, with the fix to
// make the iteratee call only its own callback.
const async = require("async");
exports.iteratee = (event, context, callback) => {
  async.map(event.ids, (id, next) => {
    db.get(id, (err, item) => (err ? callback(err) : next(null, item)));
  }, (err, items) => callback(err, items));
};
