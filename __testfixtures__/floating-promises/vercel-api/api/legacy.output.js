const { track } = require("../lib/analytics");
const { waitUntil } = require("@vercel/functions");

/** @param {unknown} req @param {{ status(code: number): { send(body: string): void } }} res */
module.exports = async (req, res) => {
  waitUntil(track("legacy"));
  res.status(200).send("ok");
};
