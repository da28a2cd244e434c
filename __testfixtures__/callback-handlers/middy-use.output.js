const middy = require('@middy/core');
const { stamp } = require('./middlewares');

// middy >= 2 awaits the inner handler: the callback-style inner function becomes async.
exports.handler = middy(async (event, context) => {
  if (!event.name) throw new Error('name required');
  return { statusCode: 200, body: `hello ${event.name} at ${event.stamped}` };
}).use(stamp());
