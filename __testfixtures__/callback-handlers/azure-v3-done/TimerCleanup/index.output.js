const { cleanup, track } = require("../lib/store");

module.exports = async function (context, timer) {
  if (timer.isPastDue) {
    throw new Error("late");
  }
  const removed = await cleanup();
  await track("cleanup", removed);
  return removed;
};
