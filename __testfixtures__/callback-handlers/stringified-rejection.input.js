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

exports.viaContext = (event, context) => {
  store.put(event.item).then((saved) => context.succeed(saved), (err) => context.fail(JSON.stringify(err)));
};

exports.inVariable = (event, context, callback) => {
  store.put(event.item).then((saved) => callback(null, saved)).catch((err) => {
    const text = JSON.stringify(err);
    callback(text);
  });
};
