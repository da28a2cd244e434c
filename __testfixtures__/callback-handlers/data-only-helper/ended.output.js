'use strict';

const EndedLog = require('./lib/ended-log');

const log = new EndedLog({ hostname: 'logs.example.com', path: '/batch', method: 'POST' });

exports.handler = async (event, context) => {
  log.add(event.id);
  return new Promise((resolve, reject) => {
    log.send((error, response) => {
      if (error) {
        reject(error);
      } else {
        console.log('sent', response);
        resolve(event.id);
      }
    });
  });
};
