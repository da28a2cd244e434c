'use strict';

const https = require('https');

function noop() {}

// Calls back only on the first chunk of the response, or on a request error.
exports.postLines = function postLines(lines, cb) {
  const done = cb || noop;
  const req = https.request({ hostname: 'logs.example.com', path: '/lines', method: 'POST' }, (res) => {
    res.once('data', () => done(res.statusCode === 200 ? null : new Error(`status ${res.statusCode}`)));
  });
  req.on('error', done);
  req.end(lines.join('\n'));
};
