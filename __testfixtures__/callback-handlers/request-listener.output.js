'use strict';
const https = require('https');

// The request's own error listener: one more way the same request answers, as in the chained
// `https.request(options, cb).on('error', callback)`.
exports.handler = async (event, context) => {
  return new Promise((resolve, reject) => {
    const req = https.request(event.options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        resolve(body);
      });
    });
    req.on('error', (err, result) => (err != null ? reject(err) : resolve(result)));
    req.write(JSON.stringify(event.data));
    req.end();
  });
};

exports.timed = async function (event, context) {
  return new Promise((resolve, reject) => {
    var req = https.get(event.url, function (res) {
      res.resume();
      res.on('end', function () {
        resolve({ statusCode: res.statusCode });
      });
    });
    req.setTimeout(100);
    req
      .on('timeout', function () {
        req.destroy();
        reject(new Error('timed out'));
      })
      .once('error', function (err) {
        console.log('problem with request:', err.message);
        if (err != null) reject(err); else resolve();
      });
  });
};

// The response's own error listener beside its end listener, and a timeout given to req.setTimeout that fails.
exports.guarded = async (event, context) => {
  return new Promise((resolve, reject) => {
    const req = https.get(event.url, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', (err, result) => (err != null ? reject(err) : resolve(result)));
    });
    req.setTimeout(100, () => {
      req.destroy();
      reject(new Error('timed out'));
    });
    req.on('error', (err) => (err != null ? reject(err) : resolve()));
  });
};
