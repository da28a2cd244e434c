// Run by hand: node test.js
const lambda = require("./weather");

lambda.handler({ city: "Oslo" }, {}, (err, result) => {
  console.log(err, result);
});
