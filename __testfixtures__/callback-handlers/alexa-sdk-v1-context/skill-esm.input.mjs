import Alexa from "alexa-sdk";

const handlers = {
  LaunchRequest() {
    this.emit(":ask", "What would you like?", "Ask me anything");
  },
  "AMAZON.HelpIntent"() {
    this.emit(":ask", "Ask me for a fact", "What can I help you with?");
  },
};

export const handler = (event, context) => {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
