const { db, audit } = require("./services");

// Named functions of the handler answer through its context (awslabs/aws-lambda-redshift-loader style):
// they settle where they are called, not where they are declared.
exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    function fail(err) {
      audit.note("failed: " + err.message);
      if (err != null) reject(err); else resolve("failed");
    }

    function lookup(id) {
      db.get(id, function (err, item) {
        if (err) {
          fail(err);
        } else {
          resolve(item);
        }
      });
    }

    if (!event.id) {
      resolve(null);
    } else {
      lookup(event.id);
    }
  });
};
