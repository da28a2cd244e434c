const { db } = require("./services");

// Calls back only with an error, at once, or not at all (then it returns the kind).
function kindOf(id, callback) {
  if (!id) {
    callback("no id");
    return;
  }
  if (id === "stop") {
    callback(new Error("stopped at " + id));
    return;
  }
  return id.toUpperCase();
}

// The error answered at once in the old runtime, as reject does; the lookup after it is the answer otherwise.
exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    var kind = kindOf(event.id, (err, result) => (err != null ? reject(err) : resolve(result)));
    db.get(event.id || "none", function (err, item) {
      if (err) return reject(err);
      resolve({ kind: kind, text: item.text });
    });
  });
};
