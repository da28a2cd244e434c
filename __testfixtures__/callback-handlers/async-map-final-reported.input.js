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
