var tasks = require('./tasks');
var jobs = require('./jobs');

exports.handler = function(event, context, callback) {
  var job = jobs[event.job];
  if (typeof tasks[event.task] === 'function') {
    return tasks[event.task](event, context, callback);
  }
  if (job) {
    return job(event, context, callback);
  }
  callback(new Error('unknown task'));
};
