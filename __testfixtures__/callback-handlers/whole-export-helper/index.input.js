var actions = require('./actions');
var report = require('./report');

exports.handler = function(event, context, callback) {
  if (event.report) {
    return report(event, context, callback);
  }
  if (typeof actions[event.action] == 'function') {
    return actions[event.action](event, context, callback);
  }
  callback(new Error('unknown action'));
};
