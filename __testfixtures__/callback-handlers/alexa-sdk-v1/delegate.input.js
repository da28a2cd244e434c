const Alexa = require("alexa-sdk");

const handlers = {
  PlanTrip() {
    if (this.event.request.dialogState !== "COMPLETED") {
      // Hand the dialog back to Alexa until every slot is filled.
      this.context.succeed({ version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } });
      return;
    }
    this.emit(":tell", "Your trip is planned");
  },
};

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context, callback);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
