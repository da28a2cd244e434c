const { db, audit } = require("./services");

function reprocess(id, callback) {
  if (!id) {
    callback("no id");
  } else {
    db.get(id, function (err, item) {
      if (err) {
        callback(err);
      } else {
        audit.note("reprocessed " + item.id);
        callback();
      }
    });
  }
}

// A return in the callback would skip its resolve(): reported.
exports.early = function (event, context) {
  if (!event.id) return context.fail("no id");
  reprocess(event.id, function (err) {
    if (err) return;
    audit.note("done");
  });
};

// One callback-style call per record and no answer on that path: the old runtime answered null once every
// callback had run (the event loop was empty). The calls still run side by side, all awaited after the loop.
exports.handler = async function (event, context) {
  if (event.Records) {
    audit.note("records: " + event.Records.length);
    const pending = [];
    for (var i = 0; i < event.Records.length; i++) {
      var record = event.Records[i];

      let resolve;
      pending.push(new Promise((settle) => { resolve = settle; }));
      reprocess(record.id, function (err) {
        if (err) {
          audit.note("failed " + record.id + ": " + err);
        }
        resolve();
      });
    }
    await Promise.all(pending);
  } else {
    throw "unsupported event";
  }
};

// One call where the path ends: awaited in place.
exports.single = async function (event, context) {
  if (!event.id) throw "no id";
  await new Promise((resolve) => reprocess(event.id, (err) => {
    audit.note(err ? "failed: " + err : "done");
    resolve();
  }));
};
