const Alexa = require("alexa-sdk");

const handlers = {
  PlanTrip() {
    if (this.event.request.dialogState !== "COMPLETED") {
      this.context.succeed({ version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } });
      return;
    }
    this.callback(null, { version: "1.0", response: { shouldEndSession: true } });
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
