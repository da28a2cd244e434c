'use strict';

const store = require('./store');

// The text of the rejection as the error: undefined when the promise rejected with undefined.
exports.handler = (event, context, callback) => {
  store.put(event.item).then((saved) => {
    callback(null, JSON.stringify(saved));
  }).catch((err) => {
    callback(JSON.stringify(err));
  });
};

exports.viaContext = async (event, context) => {
  return new Promise((resolve, reject) => {
    store.put(event.item).then((saved) => resolve(saved), (err) => reject(JSON.stringify(err) ?? 'handled'));
  });
};

exports.inVariable = async (event, context) => {
  return new Promise((resolve, reject) => {
    store.put(event.item).then((saved) => resolve(saved)).catch((err) => {
      const text = JSON.stringify(err);
      reject(text);
    });
  });
};
