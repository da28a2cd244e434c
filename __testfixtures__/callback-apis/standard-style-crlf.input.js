const fs = require("node:fs")

exports.handler = async (event) => {
  setTimeout(() => (event.seen = true), 5)
  fs.appendFile("/tmp/log", event.line, (err) => {
    if (err) throw err
  })
  return event
}
