const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.attributes.visits = (this.attributes.visits || 0) + 1;
    this.emit(":tell", "Welcome back");
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.dynamoDBTableName = "SkillState";
  alexa.registerHandlers(handlers);
  alexa.execute();
};
