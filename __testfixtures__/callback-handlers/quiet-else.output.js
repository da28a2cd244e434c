const { db, audit } = require("./services");

// An if / else-if chain whose branches all answer, and no branch for other requests: the old runtime
// answered null once the event loop was empty (alexa-skills-kit-color-expert style).
exports.route = async (event, context) => {
  return new Promise((resolve, reject) => {
    try {
      if (event.type === "get") {
        db.get(event.id, (err, item) => {
          if (err != null) reject(err); else resolve(item);
        });
      } else if (event.type === "end") {
        audit.note("ended");
        resolve();
      } else {
        resolve();
      }
    } catch (err) {
      reject(err);
    }
  });
};

// Inside a node-style callback: the missing else ends that callback with nothing pending.
exports.nested = async (event, context) => {
  return new Promise((resolve, reject) => {
    db.get(event.id, function (err, item) {
      if (err) {
        reject(err);
      } else if (item.id !== "skip") {
        resolve(item.text);
      } else {
        resolve();
      }
    });
  });
};

// A branch that starts a lookup and returns: nothing of it is pending on the path below (cfn-look-up-ami-ids style).
exports.early = async (event, context) => {
  return new Promise((resolve, reject) => {
    if (event.skip) {
      db.get("skip", (err, item) => (err != null ? reject(err) : resolve(item)));
      return;
    }
    resolve("direct");
  });
};
