// A Twilio Function: Twilio's runtime calls it with (context, event, callback) and answers through the
// callback; an async function answers by its value only from runtime handler 2.1.2 on.
exports.handler = function (context, event, callback) {
  const twiml = new Twilio.twiml.VoiceResponse();
  if (!context.MY_PHONE_NUMBER) return callback(new Error("MY_PHONE_NUMBER is not set"));
  twiml.dial(context.MY_PHONE_NUMBER);
  callback(null, twiml);
};
