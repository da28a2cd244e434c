'use strict';
const Reply = require('./reply');

exports.handler = function (event, context) {
  const reply = new Reply(context, event.session);
  if (!event.name) return reply.refuse(new Error('name required'));
  reply.say('hello ' + event.name);
};
