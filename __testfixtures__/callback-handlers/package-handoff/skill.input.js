const Alexa = require("alexa-sdk");
const answers = require("./answers");

const handlers = {
  LaunchRequest() {
    this.emit(":tell", answers.greeting);
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.appId = process.env.APP_ID;
  alexa.registerHandlers(handlers);
  alexa.execute();
};
