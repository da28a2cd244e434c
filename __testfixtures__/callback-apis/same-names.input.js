const fs = require("fs");

// Both callbacks declare `text`: inlined side by side they would be two `const text` in one scope.
exports.handler = async (event) => {
  fs.readFile(event.a, "utf8", (err, text) => {
    if (err) throw err;
    console.log(text);
  });
  fs.readFile(event.b, "utf8", (err, text) => {
    if (err) throw err;
    console.log(text);
  });
};

// `inner` comes from a callback inlined with the first call.
exports.nested = async (event) => {
  fs.readFile(event.a, "utf8", (err, text) => {
    if (err) throw err;
    fs.readFile(text, "utf8", (err, inner) => {
      if (err) throw err;
      console.log(inner);
    });
  });
  fs.readFile(event.b, "utf8", (err, inner) => {
    if (err) throw err;
    console.log(inner);
  });
};
