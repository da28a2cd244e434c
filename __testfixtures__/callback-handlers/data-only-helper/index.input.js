'use strict';

const BatchLog = require('./lib/batch-log');

const log = new BatchLog({ hostname: 'logs.example.com', path: '/batch', method: 'POST' });

exports.handler = (event, context, callback) => {
  log.add(event.id);
  log.send((error, response) => {
    if (error) {
      callback(error);
    } else {
      console.log('sent', response);
      callback(null, event.id);
    }
  });
};
