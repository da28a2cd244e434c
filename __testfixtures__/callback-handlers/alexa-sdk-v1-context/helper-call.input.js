const Alexa = require("alexa-sdk");

function respond(text) {
  if (!text) {
    this.emit(":ask", "What was that?", "Say it again");
    return;
  }
  this.emit(":tell", text);
}

const handlers = {
  Echo() {
    respond.call(this, this.event.request.intent.slots.Text.value);
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
