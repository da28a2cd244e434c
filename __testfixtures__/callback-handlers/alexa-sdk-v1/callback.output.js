const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest() {
    this.emit(":tell", "Here is a fact");
  },
  "AMAZON.HelpIntent"() {
    this.emit(":ask", "Ask me for a fact", "What can I help you with?");
  },
};

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    const alexa = Alexa.handler(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    alexa.appId = process.env.APP_ID;
    alexa.registerHandlers(handlers);
    alexa.execute();
  });
};
