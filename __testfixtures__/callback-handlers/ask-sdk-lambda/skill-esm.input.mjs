import { SkillBuilders } from "ask-sdk-core";

const LaunchHandler = {
  canHandle: () => true,
  handle: (input) => input.responseBuilder.speak("Hello").getResponse(),
};

export const handler = SkillBuilders.custom().addRequestHandlers(LaunchHandler).lambda();
