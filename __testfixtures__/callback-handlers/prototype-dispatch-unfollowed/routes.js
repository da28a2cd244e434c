'use strict';

var saved;

/** Keeps the table it is given: what is written into it later, and by whom, settle cannot see. */
exports.install = function (intents) {
  saved = intents;
  saved.Hello = function (request, reply) {
    reply.say('Hello');
  };
};

exports.add = function (name, intent) {
  saved[name] = intent;
};
