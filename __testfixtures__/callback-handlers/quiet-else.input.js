const { db, audit } = require("./services");

// An if / else-if chain whose branches all answer, and no branch for other requests: the old runtime
// answered null once the event loop was empty (alexa-skills-kit-color-expert style).
exports.route = (event, context, callback) => {
  try {
    if (event.type === "get") {
      db.get(event.id, (err, item) => {
        callback(err, item);
      });
    } else if (event.type === "end") {
      audit.note("ended");
      callback();
    }
  } catch (err) {
    callback(err);
  }
};

// Inside a node-style callback: the missing else ends that callback with nothing pending.
exports.nested = (event, context, callback) => {
  db.get(event.id, function (err, item) {
    if (err) {
      callback(err);
    } else if (item.id !== "skip") {
      callback(null, item.text);
    }
  });
};

// A branch that starts a lookup and returns: nothing of it is pending on the path below (cfn-look-up-ami-ids style).
exports.early = (event, context, callback) => {
  if (event.skip) {
    db.get("skip", (err, item) => callback(err, item));
    return;
  }
  callback(null, "direct");
};
