const fs = require("fs");
const { setTimeout } = require("node:timers/promises");

// What callback-handlers writes around a callback the handler answered from (same run, registry order).
exports.get = async (event, context) => {
  const text = await fs.promises.readFile(event.file, "utf8");
  console.log("read", text.length);
  return { length: text.length };
};

exports.later = async (event, context) => {
  await setTimeout(10);
  return "done";
};

exports.save = async (event, context) => {
  await fs.promises.writeFile(event.file, event.body);
  return;
};

// Left as it is: the callback goes on after resolving, and a promise settled twice.
exports.both = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, (err, data) => {
      if (err) return reject(err);
      resolve(data);
      console.log("after");
      resolve(null);
    });
  });
};
