const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.emit(":tell", "Welcome");
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  if (event.request.type === "CanFulfillIntentRequest") return;
  alexa.execute();
};
