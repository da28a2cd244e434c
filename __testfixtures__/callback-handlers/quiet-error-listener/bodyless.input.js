'use strict';
const https = require('https');

// Answers at the first chunk of the reply, and nowhere else: a reply without a body never sends one.
exports.handler = function (event, context) {
  const req = https.request({ method: 'POST', path: event.path }, function (res) {
    res.on('data', function () {
      context.succeed('delivered');
    });
  });
  req.end();
};
