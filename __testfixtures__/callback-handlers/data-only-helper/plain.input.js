'use strict';

const { postLines } = require('./lib/post-lines');
const lines = require('./lib/post-lines');

exports.handler = function (event, context, callback) {
  postLines([event.id], (err) => callback(err, 'posted'));
};

exports.other = function (event, context, callback) {
  lines.postLines([event.id], function (err) {
    if (err) return callback(err);
    callback(null, 'posted');
  });
};
