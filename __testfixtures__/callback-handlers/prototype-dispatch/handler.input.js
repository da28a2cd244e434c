'use strict';
var https = require('https');
var Bot = require('./bot');

var Greeter = function () {
  Bot.call(this, 'greeter');
};

Greeter.prototype = Object.create(Bot.prototype);
Greeter.prototype.constructor = Greeter;

Greeter.prototype.hooks.onStart = function (request, reply) {
  reply.prompt('Welcome, ask me for the weather');
};

Greeter.prototype.intents = {
  Hello: function (request, reply) {
    reply.say('Hello ' + (request.name || 'there'));
  },
  Weather: function (request, reply) {
    fetchForecast(request.city, function (err, forecast) {
      if (err) {
        reply.say('No forecast for ' + request.city);
        return;
      }
      reply.say('It is ' + forecast + ' in ' + request.city);
    });
  },
  Broken: function (request, reply) {
    reply.refuse(new Error('broken for ' + request.city));
  }
};

function fetchForecast(city, callback) {
  https.get('https://weather.example/' + city, function (res) {
    var body = '';
    res.on('data', function (chunk) {
      body += chunk;
    });
    res.on('end', function () {
      callback(null, body);
    });
  }).on('error', function (e) {
    callback(e);
  });
}

/** The context goes to the framework's run, which answers through it on every path it dispatches to. */
exports.handler = function (event, context) {
  var greeter = new Greeter();
  greeter.run(event, context);
};
