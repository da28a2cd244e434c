const { track } = require("../lib/analytics");

/** @param {unknown} req @param {{ status(code: number): { send(body: string): void } }} res */
module.exports = async (req, res) => {
  track("legacy");
  res.status(200).send("ok");
};
