'use strict';
var Bot = require('./bot');
var routes = require('./routes');

var Keeper = function () {
  Bot.call(this, 'keeper');
};

Keeper.prototype = Object.create(Bot.prototype);
routes.install(Keeper.prototype.intents);
routes.add('Quiet', function (request, reply) {
  console.log('nothing to say');
});

/** The intents table goes to a function that stores it: the handler stays, with a finding. */
exports.handler = function (event, context) {
  new Keeper().run(event, context);
};
