const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.emit(":tell", "Welcome");
  },
  Repeat() {
    if (this.attributes.last) this.emit(":tell", this.attributes.last);
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
