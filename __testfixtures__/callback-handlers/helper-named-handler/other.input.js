const { recordHandler } = require("./index");

exports.handler = function (event, context) {
  recordHandler(event.detail, context);
};
