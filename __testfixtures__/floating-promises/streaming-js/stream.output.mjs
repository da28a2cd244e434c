async function track(name) {}
async function* rows() {
  yield "a";
  yield "b";
}

// Lambda response streaming: the work writes the body itself.
export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  (async () => {
    for await (const row of rows()) responseStream.write(row);
    responseStream.end();
  })();
  await track("streamed");
});
