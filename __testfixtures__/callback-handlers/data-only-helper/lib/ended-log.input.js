'use strict';

const https = require('https');

function EndedLog(options) {
  this.options = options;
  this.lines = [];
}

EndedLog.prototype.add = function add(line) {
  this.lines.push(String(line));
};

// Collects the chunks and calls back on "end": a response without a body answers too.
EndedLog.prototype.send = function send(callback) {
  const done = callback || function () {};
  const req = https.request(this.options, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      body += chunk;
    });
    res.on('end', () => {
      this.lines.length = 0;
      done(res.statusCode === 200 ? null : new Error(`status ${res.statusCode}`), body);
    });
  });
  req.on('error', (error) => {
    done(error);
  });
  req.end(this.lines.join('\n'));
};

module.exports = EndedLog;
