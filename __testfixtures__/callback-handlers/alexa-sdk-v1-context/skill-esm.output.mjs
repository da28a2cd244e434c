import Alexa from "alexa-sdk";

const handlers = {
  LaunchRequest() {
    this.emit(":ask", "What would you like?", "Ask me anything");
  },
  "AMAZON.HelpIntent"() {
    this.emit(":ask", "Ask me for a fact", "What can I help you with?");
  },
};

export const handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    const alexa = Alexa.handler(event, legacyContext(context, resolve, reject));
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
