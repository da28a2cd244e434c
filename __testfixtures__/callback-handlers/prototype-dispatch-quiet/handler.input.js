'use strict';
var https = require('https');
var Bot = require('./bot');

var Forecaster = function () {
  Bot.call(this, 'forecaster');
};

Forecaster.prototype = Object.create(Bot.prototype);

Forecaster.prototype.hooks.onStart = function (request, reply) {
  reply.prompt('Which city?');
};

Forecaster.prototype.intents = {
  Weather: function (request, reply) {
    https.get('https://weather.example/' + request.city, function (res) {
      var body = '';
      res.on('data', function (chunk) {
        body += chunk;
      });
      res.on('end', function () {
        reply.say('It is ' + body + ' in ' + request.city);
      });
    }).on('error', function (e) {
      console.log('no forecast', e.message);
    });
  }
};

/** The Weather intent's "error" listener answers nothing: a promise would never settle there, so the handler stays. */
exports.handler = function (event, context) {
  new Forecaster().run(event, context);
};
