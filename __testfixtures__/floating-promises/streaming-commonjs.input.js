const { PassThrough } = require("node:stream");

exports.handler = async (event) => {
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  (async () => {
    await writer.write(new TextEncoder().encode(String(event.id)));
    await writer.close();
  })();
  if (event.node) {
    const pass = new PassThrough();
    (async () => {
      pass.write("a");
      pass.end();
    })();
    return pass;
  }
  return new Response(readable);
};
