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
