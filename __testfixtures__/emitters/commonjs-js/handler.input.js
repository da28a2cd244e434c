"use strict";
const { EventEmitter2 } = require("eventemitter2");

const events = new EventEmitter2({ wildcard: true });
events.on("invoice.*", async (invoice) => {
  await fetch("https://billing.example.com/", { method: "POST", body: JSON.stringify(invoice) });
});

module.exports.handler = async (event) => {
  const invoice = JSON.parse(event.body);
  events.emit("invoice.paid", invoice)
  return { statusCode: 200 }
};
