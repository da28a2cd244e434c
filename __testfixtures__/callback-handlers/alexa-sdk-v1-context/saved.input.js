const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.attributes.visits = (this.attributes.visits || 0) + 1;
    this.emit(":tell", "Welcome back");
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = "SkillState";
  alexa.registerHandlers(handlers);
  alexa.execute();
};
