const fs = require("node:fs")
const { setTimeout } = require("node:timers/promises")

exports.handler = async (event) => {
  await setTimeout(5)
  ;(event.seen = true)
  await fs.promises.appendFile("/tmp/log", event.line)
  return event
}
