const Alexa = require("alexa-sdk");

// Intent handlers registered by skill.js: alexa-sdk v1 binds `this.context` to the Lambda context.
module.exports = Alexa.CreateStateHandler("PLAYING", {
  PlaybackStarted() {
    this.context.succeed(true);
  },
  PlaybackFailed() {
    console.log("playback failed", this.event.request.error);
    return this.context.fail(new Error("playback failed"));
  },
  "AMAZON.PauseIntent"() {
    this.emit(":responseReady");
  },
});
