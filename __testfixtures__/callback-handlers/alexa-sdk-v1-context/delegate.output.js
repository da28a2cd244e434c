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

exports.handler = async function (event, context) {
  return new Promise((resolve, reject) => {
    const alexa = Alexa.handler(event, legacyContext(context, resolve, reject), (err, result) => (err != null ? reject(err) : resolve(result)));
    alexa.registerHandlers(handlers);
    alexa.execute();
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? "handled") },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
