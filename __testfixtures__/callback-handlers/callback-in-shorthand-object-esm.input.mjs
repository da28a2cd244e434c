// ESM variant of callback-in-shorthand-object (aws-lambda-ffmpeg's platform/aws/index.js): the exported
// handler hands `{ event, context, callback }` to a helper that calls back through the object.
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function main(invocation) {
  let error = null;
  try {
    await pause(5);
  } catch (e) {
    error = e;
  }
  invocation.callback(error, { id: invocation.event.id });
}

export function handler(event, context, callback) {
  console.log("converting", event.id);
  main({
    event,
    context,
    callback
  });
}
