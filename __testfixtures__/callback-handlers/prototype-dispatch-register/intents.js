'use strict';

/** Writes the skill's intents into the table it is given (the framework's shared intents object). */
var registerIntents = function (intents, settings) {
  intents.Hello = function (request, reply) {
    reply.say(settings.greeting + ' ' + (request.name || 'there'));
  };
  intents['Say.Bye'] = function (request, reply) {
    if (request.again) {
      reply.prompt('Bye?');
    } else {
      reply.say('Bye');
    }
  };
};

exports.register = registerIntents;
