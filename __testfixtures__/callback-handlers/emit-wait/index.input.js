var jobs = require('./jobs');

// Dispatched by a computed key: jobs.run emits "start" to listeners that post a message it does not wait for.
exports.handler = function(event, context, callback) {
  if (typeof jobs[event.job] === 'function') {
    return jobs[event.job](event, context, callback);
  }
  callback(new Error('unknown job'));
};
