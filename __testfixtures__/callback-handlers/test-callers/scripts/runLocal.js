var lambdaFunction = require("./weather");
var functionHandler = "handler";

lambdaFunction[functionHandler]({ city: "Rome" }, {}, function (error, data) {
  console.log(error, data);
});
