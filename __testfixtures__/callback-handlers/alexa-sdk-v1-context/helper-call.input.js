const Alexa = require("alexa-sdk");

function respond(text) {
  if (!text) {
    this.emit(":ask", "What was that?", "Say it again");
    return;
  }
  this.emit(":tell", text);
}

function remember(text) {
  if (text) this.emit(":tell", text);
}

const handlers = {
  Echo() {
    respond.call(this, this.event.request.intent.slots.Text.value);
  },
};

const forgetful = {
  Recall() {
    remember.call(this, this.attributes.last);
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};

exports.forgetful = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(forgetful);
  alexa.execute();
};
