'use strict';
const https = require('https');

// The request's own error listener: one more way the same request answers, as in the chained
// `https.request(options, cb).on('error', callback)`.
exports.handler = (event, context, callback) => {
  const req = https.request(event.options, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => {
      callback(null, body);
    });
  });
  req.on('error', callback);
  req.write(JSON.stringify(event.data));
  req.end();
};

exports.timed = function (event, context, callback) {
  var req = https.get(event.url, function (res) {
    res.resume();
    res.on('end', function () {
      callback(null, { statusCode: res.statusCode });
    });
  });
  req.setTimeout(100);
  req
    .on('timeout', function () {
      req.destroy();
      callback(new Error('timed out'));
    })
    .once('error', function (err) {
      console.log('problem with request:', err.message);
      callback(err);
    });
};

// The response's own error listener beside its end listener, and a timeout given to req.setTimeout that fails.
exports.guarded = (event, context, callback) => {
  const req = https.get(event.url, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => callback(null, body));
    res.on('error', callback);
  });
  req.setTimeout(100, () => {
    req.destroy();
    callback(new Error('timed out'));
  });
  req.on('error', (err) => callback(err));
};
