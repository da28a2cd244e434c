const { cleanup, track } = require("../lib/store");

module.exports = async function (context, timer) {
  if (timer.isPastDue) {
    context.done(new Error("late"));
    return;
  }
  const removed = await cleanup();
  track("cleanup", removed);
  context.done(null, removed);
};
