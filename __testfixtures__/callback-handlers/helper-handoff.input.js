"use strict";

const { processPayment } = require("./payments");
const { lookupOrder } = require("./orders");

exports.pay = (event, context, callback) => {
  const { orderId, amount } = JSON.parse(event.body);
  if (!orderId) {
    return callback(new Error("orderId required"));
  }
  processPayment(orderId, amount, callback);
};

exports.order = (event, context, callback) => lookupOrder(event.pathParameters.id, callback);
