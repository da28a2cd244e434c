module.exports = require("./impl/legacy.js");
