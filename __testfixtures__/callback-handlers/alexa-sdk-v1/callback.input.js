const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.emit(":tell", "Here is a fact");
  },
  "AMAZON.HelpIntent"() {
    this.emit(":ask", "Ask me for a fact", "What can I help you with?");
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.appId = process.env.APP_ID;
  alexa.registerHandlers(handlers);
  alexa.execute();
};
