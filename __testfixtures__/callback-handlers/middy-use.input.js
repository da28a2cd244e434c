const middy = require('@middy/core');
const { stamp } = require('./middlewares');

// middy >= 2 awaits the inner handler: the callback-style inner function becomes async.
exports.handler = middy((event, context, callback) => {
  if (!event.name) return callback(new Error('name required'));
  callback(null, { statusCode: 200, body: `hello ${event.name} at ${event.stamped}` });
}).use(stamp());
