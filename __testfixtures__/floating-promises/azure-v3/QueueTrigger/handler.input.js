const { audit, enqueue } = require("../lib/store");

async function run(context, item) {
  enqueue(item).then(() => audit("queued", item));
  context.log("queued", item);
}

// function.json names this file (scriptFile) and no entryPoint: its only export is the function.
module.exports = { run };
