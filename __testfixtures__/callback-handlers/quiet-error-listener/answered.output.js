'use strict';
const https = require('https');

// The same request, its error listener fails the invocation: every way the request ends answers.
exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    const req = https.request({ path: event.path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', (e) => {
      console.log('problem: ' + e.message);
      if (e != null) reject(e); else resolve();
    });
    req.end();
  });
};
