'use strict';
const https = require('https');

// The same request, its error listener fails the invocation: every way the request ends answers.
exports.handler = (event, context, callback) => {
  const req = https.request({ path: event.path }, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => callback(null, body));
  });
  req.on('error', (e) => {
    console.log('problem: ' + e.message);
    callback(e);
  });
  req.end();
};
