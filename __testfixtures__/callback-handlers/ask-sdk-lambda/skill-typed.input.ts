import * as Ask from "ask-sdk";

export const alexa = Ask.SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: () => true,
    handle: (input: { responseBuilder: { speak(text: string): { getResponse(): unknown } } }) => input.responseBuilder.speak("Hi").getResponse(),
  })
  .lambda();
