async function startWorker() {}
async function track(name) {}

// A fire-and-forget wrapper nothing settles: the async handler must not await it.
exports.handler = (event, context, callback) => {
  new Promise(async () => {
    await startWorker();
  });
  track("queued");
  callback(null, { statusCode: 202 });
};
