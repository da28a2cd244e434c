"use strict";

const { processPayment } = require("./payments");
const { lookupOrder } = require("./orders");

exports.pay = async (event, context) => {
  const { orderId, amount } = JSON.parse(event.body);
  if (!orderId) {
    throw new Error("orderId required");
  }
  return new Promise((resolve, reject) => {
    processPayment(orderId, amount, (err, result) => (err != null ? reject(err) : resolve(result)));
  });
};

exports.order = async (event, context) => new Promise((resolve, reject) => lookupOrder(event.pathParameters.id, (err, result) => (err != null ? reject(err) : resolve(result))));
