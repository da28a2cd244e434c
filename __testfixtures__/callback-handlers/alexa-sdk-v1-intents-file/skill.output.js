const Alexa = require("alexa-sdk");
const playback = require("./playback");

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    const alexa = Alexa.handler(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    alexa.registerHandlers(playback);
    alexa.execute();
  });
};
