const Alexa = require("ask-sdk-core");

const LaunchHandler = {
  canHandle(input) {
    return Alexa.getRequestType(input.requestEnvelope) === "LaunchRequest";
  },
  handle(input) {
    return input.responseBuilder.speak("Hello").getResponse();
  },
};

const skillBuilder = Alexa.SkillBuilders.custom();

exports.handler = skillBuilder
  .addRequestHandlers(LaunchHandler)
  .lambda();
