const async = require("async");
const db = require("./db");

// async.map's final callback runs once, after every lookup: not an Array map() callback.
exports.lookupAll = async (event, context) => {
  return new Promise((resolve, reject) => {
    async.map(event.ids, (id, done) => db.load(id, done), (err, items) => {
      if (err) {
        reject(err);
      } else {
        resolve(items.map((item) => item.id));
      }
    });
  });
};
