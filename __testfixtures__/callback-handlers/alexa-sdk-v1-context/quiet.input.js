const Alexa = require("alexa-sdk");

const handlers = {
  LaunchRequest: function () {
    this.emit(":tell", "Welcome");
  },
  SessionEndedRequest: function () {
    console.log("session ended", this.event.request.reason);
  },
  GetFact: function () {
    lookUp(this.event.request.intent.slots.Topic.value, (fact) => {
      this.emit(":tell", fact);
    });
  },
};

function lookUp(topic, done) {
  if (!topic) return;
  done(`A fact about ${topic}`);
}

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
