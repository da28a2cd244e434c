const { audit } = require("./store.js");

// Named like a target, but not in the package's main file, which is the one the framework loads.
exports.helloHttp = (req, res) => {
  audit("other");
  res.end();
};
