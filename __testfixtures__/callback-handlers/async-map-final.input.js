const async = require("async");
const db = require("./db");

// async.map's final callback runs once, after every lookup: not an Array map() callback.
exports.lookupAll = (event, context, callback) => {
  async.map(event.ids, (id, done) => db.load(id, done), (err, items) => {
    if (err) {
      callback(err);
    } else {
      callback(null, items.map((item) => item.id));
    }
  });
};
