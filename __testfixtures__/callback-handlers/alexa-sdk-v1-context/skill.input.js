const Alexa = require("alexa-sdk");

exports.handler = function (event, context, callback) {
  const alexa = Alexa.handler(event, context);
  alexa.appId = process.env.APP_ID;
  alexa.registerHandlers(handlers, quizHandlers);
  alexa.execute();
};

const handlers = {
  LaunchRequest: function () {
    this.emit("HelloIntent");
  },
  HelloIntent: function () {
    const intent = this.event.request.intent;
    const name = intent && intent.slots && intent.slots.Name ? intent.slots.Name.value : undefined;
    if (!name) {
      this.emit(":ask", "Who are you?", "Tell me your name");
      return;
    }
    this.response.speak(`Hello ${name}`);
    this.emit(":responseReady");
  },
  PlanTrip() {
    if (this.event.request.dialogState !== "COMPLETED") {
      // Hand the dialog back to Alexa until every slot is filled.
      this.context.succeed({ version: "1.0", response: { directives: [{ type: "Dialog.Delegate" }] } });
    } else {
      this.emit(":tell", "Your trip is planned");
    }
  },
  "AMAZON.StopIntent": function () {
    setTimeout(() => this.emit(":tell", "Goodbye"), 10);
  },
  SessionEndedRequest: function () {
    console.log("session ended", this.event.request.reason);
    this.emit(":responseReady");
  },
  StartQuiz: function () {
    this.handler.state = "QUIZ";
    this.emitWithState("AskQuestion");
  },
  Unhandled: function () {
    throw new Error("unexpected request");
  },
};

const quizHandlers = Alexa.CreateStateHandler("QUIZ", {
  AskQuestion: function () {
    this.emit(":ask", "What is two plus two?", "Two plus two?");
  },
  Unhandled: function () {
    this.emit(":ask", "Answer the question", "Answer the question");
  },
});
