const fs = require("fs");
const { EventEmitter } = require("events");

function setTimeout(fn) {
  fn();
}

exports.handler = async (event) => {
  setTimeout(() => console.log("local function, runs now"));
  const bus = new EventEmitter();
  bus.on("error", (err) => console.error(err));
  await fs.promises.writeFile(event.path, "done");
  return bus.listenerCount("error");
};

// Not reached from a handler: a CLI script's callbacks are not the invocation's.
function main() {
  fs.writeFile("/tmp/cli.txt", "x", (err) => {
    if (err) throw err;
  });
}

main();
