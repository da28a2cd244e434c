import Alexa from "alexa-sdk";

const handlers = {
  LaunchRequest() {
    this.emit(":tell", "Hello");
  },
};

export function handler(event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
}
