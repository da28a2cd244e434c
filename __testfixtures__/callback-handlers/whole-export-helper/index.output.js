var actions = require('./actions');
var report = require('./report');

exports.handler = async function(event, context) {
  return new Promise((resolve, reject) => {
    if (event.report) {
      return report(event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    }
    if (typeof actions[event.action] == 'function') {
      return actions[event.action](event, context, (err, result) => (err != null ? reject(err) : resolve(result)));
    }
    reject(new Error('unknown action'));
  });
};
