const fs = require("fs");

// Both callbacks declare `text`: inlined side by side they would be two `const text` in one scope.
exports.handler = async (event) => {
  const text = await fs.promises.readFile(event.a, "utf8");
  console.log(text);
  {
    const text = await fs.promises.readFile(event.b, "utf8");
    console.log(text);
  }
};

// `inner` comes from a callback inlined with the first call.
exports.nested = async (event) => {
  const text = await fs.promises.readFile(event.a, "utf8");
  const inner = await fs.promises.readFile(text, "utf8");
  console.log(inner);
  {
    const inner = await fs.promises.readFile(event.b, "utf8");
    console.log(inner);
  }
};
