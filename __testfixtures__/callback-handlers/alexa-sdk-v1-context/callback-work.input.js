const Alexa = require("alexa-sdk");
const https = require("https");

const handlers = {
  LaunchRequest() {
    https.get("https://stats.example.com/launch", () => {});
    this.emit(":tell", "Welcome");
  },
  HelpIntent() {
    this.response.speak("Ask me").listen("Ask me");
    this.emit(":responseReady");
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
