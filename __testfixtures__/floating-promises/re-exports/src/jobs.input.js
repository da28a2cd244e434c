exports.run = require("./impl/worker.js").process;
