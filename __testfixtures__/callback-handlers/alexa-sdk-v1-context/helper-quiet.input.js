const Alexa = require("alexa-sdk");

function remember(text) {
  if (text) this.emit(":tell", text);
}

const handlers = {
  Recall() {
    remember.call(this, this.attributes.last);
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
