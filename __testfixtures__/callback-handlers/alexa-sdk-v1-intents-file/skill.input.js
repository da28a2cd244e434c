const Alexa = require("alexa-sdk");
const playback = require("./playback");

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.registerHandlers(playback);
  alexa.execute();
};
