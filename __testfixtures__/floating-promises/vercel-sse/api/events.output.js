const { track, ticks } = require("../lib/feed");
const { waitUntil } = require("@vercel/functions");

// Server-sent events on Node's res: written by an interval and by an async loop, ended later.
/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
module.exports = async (req, res) => {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  let n = 0;
  const timer = setInterval(() => {
    res.write(`data: ping ${n++}\n\n`);
  }, 1000);
  (async () => {
    for await (const t of ticks()) res.write(`data: ${t}\n\n`);
    clearInterval(timer);
    res.end();
  })();
  waitUntil(track("sse"));
};
