const Alexa = require("ask-sdk-core");
const router = require("voice-router");

const skill = Alexa.SkillBuilders.custom()
  .addRequestHandlers({ canHandle: () => true, handle: (input) => input.responseBuilder.getResponse() })
  .create();

// Already what Node.js 24 takes: nothing to report.
exports.handler = async (event, context) => skill.invoke(event, context);

// Another package's lambda(): not a skill builder.
exports.routed = router.lambda();
