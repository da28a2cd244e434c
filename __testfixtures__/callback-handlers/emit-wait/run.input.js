var EventEmitter = require('events');
var store = require('./store');
var notify = require('./notify');

module.exports = runJob;

function runJob(job, context, cb) {
  var status = { events: new EventEmitter() };
  notify.watch(status);
  store.load(job.id, function(err, item) {
    if (err) return cb(err);
    status.events.emit('start', item);
    finish(item, cb);
  });
}

function finish(item, cb) {
  cb(null, item.id);
}
