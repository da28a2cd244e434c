'use strict';
const https = require('https');
const { EventEmitter } = require('events');

const bus = new EventEmitter();

// A listener on another emitter: work of its own, which the old runtime waited for after callback(null, x).
exports.otherEmitter = (event, context, callback) => {
  const req = https.request(event.options, (res) => {
    res.resume();
    res.on('end', () => callback(null, res.statusCode));
  });
  bus.on('flush', () => callback(null, 'flushed'));
  req.end();
};

// The variable holds another emitter when the listener is added.
exports.reassigned = (event, context, callback) => {
  let req = https.request(event.options, (res) => {
    res.resume();
    res.on('end', () => callback(null, res.statusCode));
  });
  req.end();
  req = bus;
  req.on('error', callback);
};

// A timeout listener that answers with a success: the old runtime sent it once the request was over.
exports.timeoutAnswer = (event, context, callback) => {
  const req = https.get(event.url, (res) => {
    res.resume();
    res.on('end', () => callback(null, res.statusCode));
  });
  req.setTimeout(100);
  req.on('timeout', () => callback(null, 504));
};

// Two listeners of the response answer: the old runtime sent the first answer once the response had ended.
exports.twoListeners = (event, context, callback) => {
  const req = https.request(event.options, (res) => {
    res.on('data', (data) => {
      if (String(data) === 'ok') callback(null, 'sent');
      else console.log(String(data));
    });
    res.on('end', () => {
      console.log('No more data in response.');
      callback();
    });
  });
  req.on('error', callback);
  req.end();
};

// req.setTimeout's listener answers a success: the old runtime sent it once the request was over.
exports.giveUp = (event, context, callback) => {
  const req = https.get(event.url, (res) => {
    res.resume();
    res.on('end', () => callback(null, res.statusCode));
  });
  req.setTimeout(100, () => callback(null, 'gave up'));
};
