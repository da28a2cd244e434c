'use strict';
var Bot = require('./bot');
var intents = require('./intents');

var Counter = function () {
  Bot.call(this, 'counter');
};

Counter.prototype = Object.create(Bot.prototype);
intents.register(Counter.prototype.intents, { greeting: 'Hi' });

/** The intents come from a module that writes them into the prototype's table. */
exports.handler = async function (event, context) {
  var counter = new Counter();
  return new Promise((resolve, reject) => {
    counter.run(event, legacyContext(context, resolve, reject));
  });
};

/** The Lambda context as runtimes before Node.js 24 gave it: succeed, fail and done settle the invocation's promise (the first call wins). */
function legacyContext(context, resolve, reject) {
  return Object.create(context, {
    succeed: { value: (result) => resolve(result) },
    fail: { value: (error) => reject(error ?? 'handled') },
    done: { value: (error, result) => (error != null ? reject(error) : resolve(result)) },
  });
}
