const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.attributes.visits = (this.attributes.visits || 0) + 1;
    this.emit(":tell", "Welcome back");
  },
};

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    const alexa = Alexa.handler(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    alexa.dynamoDBTableName = "SkillState";
    alexa.registerHandlers(handlers);
    alexa.execute();
  });
};
