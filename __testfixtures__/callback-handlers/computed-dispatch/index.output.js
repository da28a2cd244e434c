var tasks = require('./tasks');
var jobs = require('./jobs');

exports.handler = async function(event, context) {
  var job = jobs[event.job];
  return new Promise((resolve, reject) => {
    if (typeof tasks[event.task] === 'function') {
      return tasks[event.task](event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    }
    if (job) {
      return job(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    }
    reject(new Error('unknown task'));
  });
};
