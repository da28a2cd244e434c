'use strict';
const https = require('https');

// Posts to a webhook and answers at the first chunk of the reply; the request's error is only logged.
exports.handler = function (event, context) {
  const body = JSON.stringify({ text: event.text });
  const req = https.request({ method: 'POST', path: event.path }, function (res) {
    res.setEncoding('utf8');
    res.on('data', function () {
      context.done(null);
    });
  });
  req.on('error', function (e) {
    console.log('problem with request: ' + e.message);
  });
  req.write(body);
  req.end();
};
