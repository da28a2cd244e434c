var EventEmitter = require('events');
var notify = require('./notify');

module.exports = function quietJob(job, context, cb) {
  var status = { events: new EventEmitter() };
  notify.watch(status);
  status.events.emit('quiet', job);
  cb(null, job.id);
};
