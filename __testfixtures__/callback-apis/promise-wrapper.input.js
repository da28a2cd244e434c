const fs = require("fs");

// What callback-handlers writes around a callback the handler answered from (same run, registry order).
exports.get = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.readFile(event.file, "utf8", (err, text) => {
      if (err) return reject(err);
      console.log("read", text.length);
      resolve({ length: text.length });
    });
  });
};

exports.later = async (event, context) => {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      resolve("done");
    }, 10);
  });
};

exports.save = async (event, context) => {
  return new Promise((resolve, reject) => {
    fs.writeFile(event.file, event.body, (err) => (err != null ? reject(err) : resolve()));
  });
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
