'use strict';
var Bot = require('./bot');
var intents = require('./intents');

var Counter = function () {
  Bot.call(this, 'counter');
};

Counter.prototype = Object.create(Bot.prototype);
intents.register(Counter.prototype.intents, { greeting: 'Hi' });

/** The intents come from a module that writes them into the prototype's table. */
exports.handler = function (event, context) {
  var counter = new Counter();
  counter.run(event, context);
};
