const fs = require("fs");
const legacy = require("./legacy-client");

exports.handler = async (event) => {
  setInterval(() => console.log("tick"), 1000);
  setTimeout(console.log, 10, "late");
  legacy.send(event.host, (err, address) => {
    if (err) console.error(err);
  });
  fs.readFile(event.path, (err, buf) => {
    console.log(err ? "missing" : buf.length);
  });
  fs.watch(event.path, () => {});
  try {
    fs.writeFile(event.path, "x", (err) => {
      if (err) return;
    });
  } catch (e) {
    console.error(e);
  }
  const data = "kept";
  fs.readFile(event.path, (err, data) => {
    if (err) return;
    console.log(data);
  });
  fs.unlink(event.path, function (err) {
    if (err) return;
    this.done = true;
  });
  // settle-ignore
  setTimeout(() => console.log("ignored"), 5);
  if (event.flush) setImmediate(() => console.log("flushed"));
  return data;
};
