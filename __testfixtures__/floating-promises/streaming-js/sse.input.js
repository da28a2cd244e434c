const { PassThrough } = require("node:stream");

async function track(name) {}
async function tick(n) {
  return `event ${n}`;
}

// Server-sent events through a PassThrough piped into the response stream.
exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const events = new PassThrough();
  events.pipe(responseStream);
  (async () => {
    for (let n = 0; n < 3; n++) events.write(`data: ${await tick(n)}\n\n`);
    events.end();
  })();
  track("sse");
});
