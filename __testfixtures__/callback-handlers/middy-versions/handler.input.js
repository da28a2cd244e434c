const middy = require('@middy/core');

// @middy/core 1 calls the inner handler back and exports (event, context, callback): reported with the upgrade.
exports.validated = middy((event, context, callback) => {
  callback(null, { ok: true });
});
